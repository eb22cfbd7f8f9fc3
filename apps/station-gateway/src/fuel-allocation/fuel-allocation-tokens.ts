import { ClientCredentialsTokenSource, type TokenSource } from '@bitaqa/auth';

import type { StationConfig } from '../config';

/** Injection token of the TokenSource of redemption calls, or null without a credential. */
export const FUEL_ALLOCATION_TOKENS = Symbol('FUEL_ALLOCATION_TOKENS');

/** Fuel allocation's name in the `aud` claim of the tokens it accepts. */
const FUEL_ALLOCATION_AUDIENCE = 'fuel-allocation';

/** The scope fuel allocation requires of a station's redemptions and reversals. */
const FUEL_REDEEM_SCOPE = 'fuel:redeem';

/**
 * Builds the source of the station's tokens for fuel allocation: the configured override, or the
 * client credentials grant at the card authority with the station's credential, or null.
 */
export function fuelAllocationTokenSource(config: StationConfig): TokenSource | null {
  if (config.fuelAllocationTokens !== undefined) return config.fuelAllocationTokens;

  const credentials = config.stationCredentials;

  if (credentials === undefined) return null;

  return new ClientCredentialsTokenSource({
    audience: FUEL_ALLOCATION_AUDIENCE,
    clientId: credentials.clientId,
    clientSecret: credentials.clientSecret,
    scopes: [FUEL_REDEEM_SCOPE],
    tokenUrl: credentials.tokenUrl,
  });
}
