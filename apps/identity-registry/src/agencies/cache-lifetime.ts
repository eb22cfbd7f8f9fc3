/**
 * How long an instance reuses a policy or an API key it read, in milliseconds. A change made
 * through this instance takes effect at once. Other instances see it within this time, so a
 * revoked key can still pass there for up to 5 seconds.
 */
export const AGENCY_CACHE_TTL_MS = 5_000;

/** Largest number of policies or keys one instance keeps in memory. */
export const AGENCY_CACHE_MAX_ENTRIES = 10_000;
