import type { TokenKind } from './principal';

/** What a token says about its holder; the signer adds issuer, times and id. */
export interface TokenRequest {
  /** The credential's client id (`sub`). */
  subject: string;
  /** The services the token may be used at (`aud`). */
  audience: string | string[];
  scopes: readonly string[];
  kind: TokenKind;
  /** Lifetime in seconds. */
  ttlSeconds: number;
  serviceId?: string;
  stationCode?: string;
}

/** Claim names for the Bitaqa-specific parts of a token. */
export const CLAIMS = {
  kind: 'kind',
  scope: 'scope',
  service: 'svc',
  station: 'sta',
} as const;

/** Longest lifetime a token may have: tokens are short-lived and fetched again. */
export const MAX_TOKEN_TTL_SECONDS = 3600;
