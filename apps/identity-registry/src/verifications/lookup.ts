export type LookupKind = 'release' | 'verification';

/**
 * End state of a lookup: a verification `matched` or `mismatched`, a release `released`, and
 * either kind `denied` by the agency's policy or `not_found` for an unknown national number.
 */
export type LookupOutcome = 'denied' | 'matched' | 'mismatched' | 'not_found' | 'released';

/** One verification or release to log, as the agency requested it and as it ended. */
export interface LookupEntry {
  attributesReleased: string[];
  attributesRequested: string[];
  correlationId: string | null;
  kind: LookupKind;
  mismatchedAttributes: string[];
  nationalNumber: string;
  outcome: LookupOutcome;
  /** Version of the policy the request was checked against; null when none was approved. */
  policyVersion: number | null;
  purpose: string;
  /** The agency's own case or file reference, if it sent one. */
  reference: string | null;
  /** Error code of a denied request, such as `PURPOSE_NOT_PERMITTED`. */
  denialCode: string | null;
  serviceId: string;
}

/** A logged lookup as the person it concerns reads it. */
export interface LookupView {
  attributesReleased: string[];
  attributesRequested: string[];
  /** The agency, or null for lookups logged before callers were authenticated. */
  caller: { name: string; serviceId: string } | null;
  correlationId: string | null;
  /** Decimal string, because ids are 64-bit. */
  id: string;
  kind: LookupKind;
  outcome: LookupOutcome;
  purpose: string;
  reference: string | null;
  /** ISO timestamp. */
  time: string;
}

export interface LookupPage {
  items: LookupView[];
  limit: number;
  /** Pass as `before` to read the next, older page; null on the last page. */
  nextBefore: string | null;
}
