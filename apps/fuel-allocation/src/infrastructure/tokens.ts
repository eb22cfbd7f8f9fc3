/** Injection tokens for values the bootstrap hands to the Nest container. */
export const APP_CONFIG = Symbol('APP_CONFIG');

export const LOGGER = Symbol('LOGGER');

export const OUTBOX_RELAY = Symbol('OUTBOX_RELAY');

/** The TokenSource of calls to the identity registry, or null without a credential. */
export const IDENTITY_REGISTRY_TOKENS = Symbol('IDENTITY_REGISTRY_TOKENS');
