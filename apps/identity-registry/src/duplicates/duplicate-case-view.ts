import type { PartComparison } from '@bitaqa/arabic-names';

import { type IdentityView, toIdentityView } from '../identities/identity-view';
import type { Identity } from '../identities/identity';

import type { DuplicateCase, DuplicateCaseStatus, DuplicateDecisionKind } from './duplicate-case';

export interface DecisionView {
  decidedAt: string;
  decision: DuplicateDecisionKind;
  mergedNationalNumber: string | null;
  operatorId: string;
  reason: string;
  survivorNationalNumber: string | null;
}

/** A case as the list returns it. */
export interface CaseSummaryView {
  createdAt: string;
  id: string;
  nationalNumbers: [string, string];
  reasons: string[];
  resolvedAt: string | null;
  score: number;
  status: DuplicateCaseStatus;
  survivorNationalNumber: string | null;
}

/** A case with both identities side by side, in the order of `nationalNumbers`. */
export interface CaseDetailView extends CaseSummaryView {
  decision: DecisionView | null;
  identities: IdentityView[];
  nameParts: PartComparison[];
  updatedAt: string;
}

export function toCaseSummaryView(found: DuplicateCase): CaseSummaryView {
  return {
    createdAt: found.createdAt.toISOString(),
    id: found.id,
    nationalNumbers: found.nationalNumbers,
    reasons: found.reasons,
    resolvedAt: found.resolvedAt?.toISOString() ?? null,
    score: found.score,
    status: found.status,
    survivorNationalNumber: found.survivorNationalNumber,
  };
}

export function toCaseDetailView(found: DuplicateCase, identities: Identity[]): CaseDetailView {
  const byNumber = new Map(identities.map((identity) => [identity.nationalNumber, identity]));
  const decision = found.decision;

  return {
    ...toCaseSummaryView(found),
    decision:
      decision === null
        ? null
        : {
            decidedAt: decision.decidedAt.toISOString(),
            decision: decision.decision,
            mergedNationalNumber: decision.mergedNationalNumber,
            operatorId: decision.operatorId,
            reason: decision.reason,
            survivorNationalNumber: decision.survivorNationalNumber,
          },
    identities: found.nationalNumbers
      .map((nationalNumber) => byNumber.get(nationalNumber))
      .filter((identity) => identity !== undefined)
      .map(toIdentityView),
    nameParts: found.nameParts,
    updatedAt: found.updatedAt.toISOString(),
  };
}
