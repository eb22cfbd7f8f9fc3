/**
 * Returns the Authorization header value for a call to the card authority, or undefined to
 * send none. Injected, so a token source with short-lived tokens can replace the static one.
 */
export type AuthorizationSource = () => Promise<string | undefined>;

/** Returns an authorization source that sends `Bearer <token>`, or nothing without a token. */
export function staticBearer(token: string | undefined): AuthorizationSource {
  const header = token === undefined ? undefined : `Bearer ${token}`;

  return () => Promise.resolve(header);
}
