/** Audience of civil-records in access tokens (`aud`). */
export const CIVIL_AUDIENCE = 'civil-records';

/** Scopes that civil-records endpoints require. The card authority grants them to clients. */
export const CIVIL_SCOPES = {
  /** Bulk imports of the existing register from CSV files: start, progress, reject reports. */
  import: 'civil:import',
  /** Persons, family books, histories, register counts, extracts and family sheets. */
  read: 'civil:read',
  /** Births, marriages, divorces, deaths, corrections and the person import endpoint. */
  write: 'civil:write',
} as const;
