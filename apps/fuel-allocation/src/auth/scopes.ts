/**
 * Scopes of fuel allocation's HTTP API. The card authority grants them in the credentials it
 * issues, and every route requires exactly one of them, or is public.
 */
export const FuelScopes = {
  /** Change prices, policies, stations, distributors, vehicles and turns, and run legacy imports. */
  operate: 'fuel:operate',
  /** Read reports, what-if comparisons, entitlements, balances, turns and the catalogue. */
  read: 'fuel:read',
  /** Record and reverse redemptions. Only tokens of kind station with a `sta` claim may use it. */
  redeem: 'fuel:redeem',
} as const;

/** This service's name in the `aud` claim of the tokens it accepts. */
export const FUEL_AUDIENCE = 'fuel-allocation';
