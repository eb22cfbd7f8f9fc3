import { PersonalizationError, ReaderError } from '@bitaqa/card';

import type { CardOutcome } from '../jobs/job';

/** Record of a failed card attempt, and whether the job may go on with another card. */
export interface CardFailure {
  code: string;
  outcome: Exclude<CardOutcome, 'personalized'>;
  reason: string;
  step: string | null;
  /** False when no other card can help, such as invalid personalization data. */
  retryWithAnotherCard: boolean;
}

const OUTCOMES: Readonly<Record<string, Exclude<CardOutcome, 'personalized'>>> = {
  CARD_FAILED: 'failed',
  CARD_NOT_BLANK: 'not_blank',
  CARD_REMOVED: 'removed',
  CARD_SPOILED: 'spoiled',
  NOT_A_BITAQA_CARD: 'not_blank',
};

/** Classifies an error thrown while personalizing one card. */
export function classifyCardFailure(error: unknown): CardFailure {
  if (error instanceof PersonalizationError) {
    const invalidData = error.code === 'INVALID_PERSONALIZATION_DATA';

    return {
      code: error.code,
      outcome: OUTCOMES[error.code] ?? 'failed',
      reason: error.message,
      retryWithAnotherCard: !invalidData,
      step: error.step,
    };
  }

  if (error instanceof ReaderError) {
    const removed = error.code === 'CARD_REMOVED' || error.code === 'NO_CARD';

    return {
      code: error.code,
      outcome: removed ? 'removed' : 'failed',
      reason: error.message,
      retryWithAnotherCard: true,
      step: null,
    };
  }

  const reason = error instanceof Error ? error.message : String(error);

  return {
    code: 'PERSONALIZATION_FAILED',
    outcome: 'failed',
    reason,
    retryWithAnotherCard: true,
    step: null,
  };
}
