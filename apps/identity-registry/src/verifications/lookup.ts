/** An agency's `verification` or `release`, or an operator's `read` of the whole record. */
export type LookupKind = 'read' | 'release' | 'verification';

export type LookupCallerKind = 'agency' | 'operator';

/**
 * End state of a lookup: a verification `matched` or `mismatched`, a release or read
 * `released`, a verification or release `denied` by the agency's policy, and any kind
 * `not_found` for an unknown national number.
 */
export type LookupOutcome = 'denied' | 'matched' | 'mismatched' | 'not_found' | 'released';

/** One lookup to log, as the caller requested it and as it ended. */
export interface LookupEntry {
  attributesReleased: string[];
  attributesRequested: string[];
  callerKind: LookupCallerKind;
  /** Client id of the caller's credential (token `sub`). */
  clientId: string;
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
  /** The agency; null for an operator. */
  serviceId: string | null;
  /** Id (`jti`) of the access token the caller presented. */
  tokenId: string;
}

/** The caller of a lookup, or null on lookups logged before callers were recorded. */
export type LookupCallerView =
  { kind: 'agency'; name: string; serviceId: string } | { kind: 'operator' } | null;

/** A logged lookup as the person it concerns reads it. */
export interface LookupView {
  attributesReleased: string[];
  attributesRequested: string[];
  caller: LookupCallerView;
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
