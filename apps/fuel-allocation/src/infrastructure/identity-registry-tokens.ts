import { ClientCredentialsTokenSource, type TokenSource } from '@bitaqa/auth';

import type { FuelAllocationConfig } from '../config';

/** The identity registry's name in the `aud` claim of the tokens it accepts. */
export const IDENTITY_REGISTRY_AUDIENCE = 'identity-registry';

/** The scope that lets an app queue SMS notices at the identity registry. */
export const IDENTITY_NOTIFY_SCOPE = 'identity:notify';

/**
 * Builds the source of the tokens sent to the identity registry: the client credentials grant
 * at the card authority with this service's credential, or null when none is configured.
 */
export function identityRegistryTokenSource(config: FuelAllocationConfig): TokenSource | null {
  const credentials = config.identityRegistryCredentials;

  if (credentials === undefined) return null;

  return new ClientCredentialsTokenSource({
    audience: IDENTITY_REGISTRY_AUDIENCE,
    clientId: credentials.clientId,
    clientSecret: credentials.clientSecret,
    scopes: [IDENTITY_NOTIFY_SCOPE],
    tokenUrl: credentials.tokenUrl,
  });
}
