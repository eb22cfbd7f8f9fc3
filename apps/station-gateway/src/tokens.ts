/** Injection tokens of values that bootstrap() builds before Nest starts. */
export const STATION_CONFIG = Symbol('STATION_CONFIG');

export const LOGGER = Symbol('LOGGER');

export const CARD_READER = Symbol('CARD_READER');
