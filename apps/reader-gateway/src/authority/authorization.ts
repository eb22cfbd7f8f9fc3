import { ClientCredentialsTokenSource } from '@bitaqa/auth';

import type { AuthorityCredentials } from '../config';

/** The card authority's audience name in the tokens it issues. */
const AUTHORITY_AUDIENCE = 'card-authority';

/** Scope the authority requires to hand out a job's card secrets. */
export const PERSONALIZE_SCOPE = 'authority:personalize';

/**
 * Returns the Authorization header value for a call to the card authority, or undefined to
 * send none. Injected, so tests can sign their own tokens.
 */
export type AuthorizationSource = () => Promise<string | undefined>;

/**
 * Returns a source that exchanges the site's client credentials for short-lived tokens at the
 * authority and reuses each until shortly before it expires. Without credentials it sends none.
 */
export function authorityAuthorization(
  credentials: AuthorityCredentials | null,
): AuthorizationSource {
  if (credentials === null) {
    return () => Promise.resolve(undefined);
  }

  const tokens = new ClientCredentialsTokenSource({
    ...credentials,
    audience: AUTHORITY_AUDIENCE,
    scopes: [PERSONALIZE_SCOPE],
  });

  return () => tokens.authorization();
}
