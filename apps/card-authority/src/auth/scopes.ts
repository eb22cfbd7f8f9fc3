/** Scopes that the card authority's HTTP routes require. */
export const AuthorityScopes = {
  /** Card lifecycle decisions, key versions, hotlist rebuilds, onboarding and credentials. */
  officer: 'authority:officer',
  /** Card reads, replacement requests, the hotlist and card counts, for operators. */
  cards: 'authority:cards',
  /** An encoder site's reader gateway fetching a job's card secrets. */
  personalize: 'authority:personalize',
  /** An agency submitting an application for a new service on the card. */
  apply: 'authority:apply',
} as const;

/** Names of the services that tokens are issued for (`aud`), and the Kafka broker's listener. */
export const TOKEN_AUDIENCES = [
  'card-authority',
  'civil-records',
  'fuel-allocation',
  'identity-registry',
  'kafka',
  'reader-gateway',
  'station-gateway',
] as const;

export type TokenAudience = (typeof TOKEN_AUDIENCES)[number];

/** The audience of tokens that the card authority itself accepts. */
export const AUTHORITY_AUDIENCE = 'card-authority';
