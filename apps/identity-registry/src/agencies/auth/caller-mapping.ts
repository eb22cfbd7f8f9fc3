import type { Principal, TokenKind } from '@bitaqa/auth';

import { ForbiddenError } from './auth-errors';
import type { Caller, CallerKind } from './caller';

/** The caller kind of each token kind. Station tokens map to none, so they are rejected. */
const CALLER_KIND_OF: Record<TokenKind, CallerKind | undefined> = {
  app: 'app',
  operator: 'operator',
  service: 'agency',
  station: undefined,
};

/** Names the caller kinds in an error message, such as "agency or operator". */
function describe(kinds: readonly CallerKind[]): string {
  return kinds.join(' or ');
}

/**
 * Turns a verified token into the caller of an endpoint that admits `allowed` kinds: an
 * operator token into an operator, a service token into its agency, an app token into an app
 * acting for the agency its `svc` claim names.
 *
 * @throws ForbiddenError CALLER_NOT_PERMITTED for a kind of token the endpoint does not admit,
 * SERVICE_CLAIM_MISSING for a service or app token without `svc`.
 */
export function callerOf(principal: Principal, allowed: readonly CallerKind[]): Caller {
  const kind = CALLER_KIND_OF[principal.kind];

  if (kind === undefined || !allowed.includes(kind)) {
    throw new ForbiddenError(
      'CALLER_NOT_PERMITTED',
      `this endpoint is for ${describe(allowed)} callers, not ${principal.kind} tokens`,
      { hint: `use the credential of an ${describe(allowed)} caller`, value: principal.kind },
    );
  }

  const identity = { credentialId: principal.clientId, tokenId: principal.tokenId };

  if (kind === 'operator') return { ...identity, kind };

  if (principal.serviceId === undefined) {
    throw new ForbiddenError(
      'SERVICE_CLAIM_MISSING',
      `the ${principal.kind} token of ${principal.clientId} names no agency service (svc claim)`,
      {
        hint: "ask the card authority for a credential bound to the agency's service id",
        value: principal.clientId,
      },
    );
  }

  return { ...identity, kind, serviceId: principal.serviceId };
}
