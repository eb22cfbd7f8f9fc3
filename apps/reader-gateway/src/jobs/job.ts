import type { PersonalizationData } from '@bitaqa/card';

export type JobStatus = 'completed' | 'failed' | 'in_progress' | 'queued';

/** A personalization job as the gateway tracks it. */
export interface PersonalizationJob {
  attempts: number;
  cardNumber: string;
  chipSerial: string | null;
  digest: string | null;
  encoderId: string | null;
  failureCode: string | null;
  failureReason: string | null;
  finishedAt: Date | null;
  jobId: string;
  personalization: PersonalizationData;
  requestedAt: Date;
  spoiledCards: number;
  status: JobStatus;
}

/** Outcome of one card put through an encoder for a job. */
export type CardOutcome = 'failed' | 'not_blank' | 'personalized' | 'removed' | 'spoiled';

export interface CardAttemptRecord {
  chipSerial?: string | null;
  encoderId: string;
  errorCode?: string | null;
  jobId: string;
  outcome: CardOutcome;
  reason?: string | null;
  step?: string | null;
}
