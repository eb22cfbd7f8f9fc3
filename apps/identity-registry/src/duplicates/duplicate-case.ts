import type { PartComparison } from '@bitaqa/arabic-names';

export type DuplicateCaseStatus = 'kept-apart' | 'merged' | 'open';

export type DuplicateDecisionKind = 'keep-apart' | 'merge';

/** An operator's decision on a case, as the audit log records it. */
export interface DuplicateDecision {
  correlationId: string | null;
  decidedAt: Date;
  decision: DuplicateDecisionKind;
  mergedNationalNumber: string | null;
  operatorId: string;
  reason: string;
  survivorNationalNumber: string | null;
}

/** A suspected duplicate pair in the review queue. */
export interface DuplicateCase {
  createdAt: Date;
  decision: DuplicateDecision | null;
  /** CloudEvents id of the registration that raised or last rescored the case. */
  detectedByEventId: string;
  id: string;
  nameParts: PartComparison[];
  /** The pair in ascending order. */
  nationalNumbers: [string, string];
  reasons: string[];
  resolvedAt: Date | null;
  score: number;
  status: DuplicateCaseStatus;
  survivorNationalNumber: string | null;
  updatedAt: Date;
}

/** A new or rescored case, before it is stored. */
export interface DuplicateCandidatePair {
  detectedByEventId: string;
  nameParts: PartComparison[];
  nationalNumbers: [string, string];
  reasons: string[];
  score: number;
}

/** Puts two national numbers in the order a case stores them. */
export function orderedPair(left: string, right: string): [string, string] {
  return left < right ? [left, right] : [right, left];
}
