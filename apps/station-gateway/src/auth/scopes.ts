/** Scopes of the station gateway's HTTP API, checked on tokens from the card authority. */
export const StationScopes = {
  /** Sell fuel and read the station's cache, flags, trust anchors and counts: the attendant. */
  operate: 'station:operate',
} as const;
