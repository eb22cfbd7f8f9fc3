/** Injection token of the `ReaderGatewayConfig` object. */
export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');

/** Injection token of the service's pino logger. */
export const LOGGER = Symbol('LOGGER');

/** Injection token of the app's `OutboxRelay`. */
export const OUTBOX_RELAY = Symbol('OUTBOX_RELAY');

/** Injection token of the `ReaderDirectory` that lists the PC/SC readers present. */
export const READER_DIRECTORY = Symbol('READER_DIRECTORY');

/** Injection token of the `AuthorizationSource` for calls to the card authority. */
export const AUTHORIZATION_SOURCE = Symbol('AUTHORIZATION_SOURCE');
