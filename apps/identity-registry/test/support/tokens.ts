import type { TokenKind } from '@bitaqa/auth';
import { testAuthorization } from '@bitaqa/testing';

import { IdentityScopes, TOKEN_AUDIENCE } from '../../src/auth/scopes';

/** The maximum token lifetime, so no suite outlives the tokens it signed at start. */
const TEST_TOKEN_TTL_SECONDS = 3_600;

/** Scopes of a registry operator's credential. */
export const OPERATOR_SCOPES = [
  IdentityScopes.agencies,
  IdentityScopes.notify,
  IdentityScopes.operate,
] as const;

/** Scopes of an agency's service credential in most tests. */
export const AGENCY_SCOPES = [
  IdentityScopes.notify,
  IdentityScopes.release,
  IdentityScopes.verify,
] as const;

/** `Authorization` header value of an operator token, signed with the local platform key. */
export function operatorAuthorization(
  scopes: readonly string[] = OPERATOR_SCOPES,
  subject = 'test-operator',
): Promise<string> {
  return testAuthorization({
    audience: TOKEN_AUDIENCE,
    kind: 'operator',
    scopes,
    subject,
    ttlSeconds: TEST_TOKEN_TTL_SECONDS,
  });
}

/**
 * `Authorization` header value of a token for an agency's service: kind `service` with the
 * agency's `svc`, unless the arguments request another kind or no `svc`.
 */
export function agencyAuthorization(
  serviceId: string | undefined,
  scopes: readonly string[] = AGENCY_SCOPES,
  kind: TokenKind = 'service',
): Promise<string> {
  return testAuthorization({
    audience: TOKEN_AUDIENCE,
    kind,
    scopes,
    subject: `client-${serviceId ?? 'without-service'}`,
    ttlSeconds: TEST_TOKEN_TTL_SECONDS,
    ...(serviceId === undefined ? {} : { serviceId }),
  });
}
