/** Who a token speaks for. */
export const TOKEN_KINDS = ['app', 'operator', 'service', 'station'] as const;

export type TokenKind = (typeof TOKEN_KINDS)[number];

/**
 * The caller of a request, read from a verified access token: the credential's client id, what
 * kind of client it is, the scopes it was granted and, for an agency's service or a fuel
 * station, which one.
 */
export interface Principal {
  clientId: string;
  kind: TokenKind;
  scopes: ReadonlySet<string>;
  /** Service id of an onboarded agency service (`svc` claim). */
  serviceId?: string;
  /** Station code of a fuel station (`sta` claim). */
  stationCode?: string;
  /** Token id (`jti`), logged with the calls it made. */
  tokenId: string;
  expiresAt: Date;
}

/** Scope names are lower-case words joined by `:`, `.` or `-`, such as `fuel:redeem`. */
export const SCOPE_PATTERN = /^[a-z][a-z0-9.-]*(:[a-z][a-z0-9.-]*)+$/;

/** Splits the space-separated `scope` claim; unknown shapes are dropped. */
export function parseScopeClaim(claim: unknown): Set<string> {
  if (typeof claim !== 'string') {
    return new Set();
  }

  return new Set(claim.split(' ').filter((scope) => SCOPE_PATTERN.test(scope)));
}

export function hasAllScopes(principal: Principal, required: readonly string[]): boolean {
  return required.every((scope) => principal.scopes.has(scope));
}
