/** Injection token of the `ReaderGatewayConfig` object. */
export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');

/** Injection token of the service's pino logger. */
export const LOGGER = Symbol('LOGGER');

/** Injection token of the app's `OutboxRelay`. */
export const OUTBOX_RELAY = Symbol('OUTBOX_RELAY');
