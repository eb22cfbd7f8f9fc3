/**
 * How long an instance reuses an agency's policy or status it read, in milliseconds. A change
 * made through this instance takes effect at once. Other instances see it within this time, so
 * a suspended agency's tokens can still pass there for up to 5 seconds.
 */
export const AGENCY_CACHE_TTL_MS = 5_000;

/** Largest number of policies or statuses one instance keeps in memory. */
export const AGENCY_CACHE_MAX_ENTRIES = 10_000;
