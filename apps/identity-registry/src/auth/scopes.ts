/** The audience (`aud`) that access tokens for this service carry: the app's name. */
export const TOKEN_AUDIENCE = 'identity-registry';

/** Scopes the card authority grants for the identity registry's HTTP API. */
export const IdentityScopes = {
  /** Create agencies, set their attribute policies, suspend and reinstate them. */
  agencies: 'identity:agencies',
  /** Queue SMS notices to identities and read their delivery status. */
  notify: 'identity:notify',
  /**
   * Operator work: whole-record reads, lookup lists, search, duplicate review and mobile
   * number binding.
   */
  operate: 'identity:operate',
  /** Receive the identity attributes that the agency's approved policy grants. */
  release: 'identity:release',
  /** Verify claimed identity attributes against the registry. */
  verify: 'identity:verify',
} as const;
