/** Injection tokens for values the bootstrap hands to the Nest container. */
export const APP_CONFIG = Symbol('APP_CONFIG');

export const LOGGER = Symbol('LOGGER');

export const OUTBOX_RELAY = Symbol('OUTBOX_RELAY');
