/** Injection token of the `CivilRecordsConfig` object. */
export const CIVIL_CONFIG = Symbol('CIVIL_CONFIG');

/** Injection token of the service's pino logger. */
export const LOGGER = Symbol('LOGGER');

/** Injection token of the app's `OutboxRelay`. */
export const OUTBOX_RELAY = Symbol('OUTBOX_RELAY');
