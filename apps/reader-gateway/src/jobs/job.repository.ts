import { Injectable } from '@nestjs/common';

import type { PersonalizationData } from '@bitaqa/card';

import type { PersonalizationJob as JobRow } from '../generated/prisma/client';
import { PrismaService, type Tx } from '../infrastructure/prisma.service';

import type { CardAttemptRecord, JobStatus, PersonalizationJob } from './job';

/** Takes the oldest queued job for an encoder; SKIP LOCKED lets encoders claim in parallel. */
const CLAIM_NEXT_JOB = `
UPDATE personalization_jobs
SET status = 'in_progress', encoder_id = $1, claimed_at = now(), updated_at = now()
WHERE job_id = (
  SELECT job_id FROM personalization_jobs
  WHERE status = 'queued'
  ORDER BY created_at, job_id
  FOR UPDATE SKIP LOCKED
  LIMIT 1
)
RETURNING job_id`;

function toJob(row: JobRow): PersonalizationJob {
  return {
    attempts: row.attempts,
    cardNumber: row.cardNumber,
    chipSerial: row.chipSerial,
    digest: row.digest,
    encoderId: row.encoderId,
    failureCode: row.failureCode,
    failureReason: row.failureReason,
    finishedAt: row.finishedAt,
    jobId: row.jobId,
    personalization: row.personalization as unknown as PersonalizationData,
    requestedAt: row.requestedAt,
    spoiledCards: row.spoiledCards,
    status: row.status as JobStatus,
  };
}

@Injectable()
export class JobRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Queues a job; returns false when a job with this id exists already. */
  async enqueue(
    tx: Tx,
    job: { jobId: string; personalization: PersonalizationData; requestedAt: Date },
  ): Promise<boolean> {
    const { count } = await tx.personalizationJob.createMany({
      data: [
        {
          cardNumber: job.personalization.cardNumber,
          jobId: job.jobId,
          personalization: job.personalization as object,
          requestedAt: job.requestedAt,
        },
      ],
      skipDuplicates: true,
    });

    return count === 1;
  }

  async find(jobId: string): Promise<PersonalizationJob | null> {
    const row = await this.prisma.personalizationJob.findUnique({ where: { jobId } });

    return row === null ? null : toJob(row);
  }

  /** Marks the oldest queued job as in progress at `encoderId` and returns it. */
  async claimNext(encoderId: string): Promise<PersonalizationJob | null> {
    const claimed = await this.prisma.$queryRawUnsafe<{ job_id: string }[]>(
      CLAIM_NEXT_JOB,
      encoderId,
    );
    const jobId = claimed[0]?.job_id;

    return jobId === undefined ? null : this.find(jobId);
  }

  /** Puts a job back in the queue so any encoder can take it. */
  async release(jobId: string): Promise<void> {
    await this.prisma.personalizationJob.updateMany({
      data: { encoderId: null, status: 'queued', updatedAt: new Date() },
      where: { jobId, status: 'in_progress' },
    });
  }

  /** Puts back every job left in progress at these encoders, after a restart. */
  async releaseAll(encoderIds: string[]): Promise<number> {
    const { count } = await this.prisma.personalizationJob.updateMany({
      data: { encoderId: null, status: 'queued', updatedAt: new Date() },
      where: { encoderId: { in: encoderIds }, status: 'in_progress' },
    });

    return count;
  }

  /** Records one card's outcome and counts it on the job; returns the job's new counts. */
  async recordAttempt(
    tx: Tx,
    attempt: CardAttemptRecord,
  ): Promise<{ attempts: number; spoiledCards: number }> {
    await tx.cardAttempt.create({
      data: {
        chipSerial: attempt.chipSerial ?? null,
        encoderId: attempt.encoderId,
        errorCode: attempt.errorCode ?? null,
        jobId: attempt.jobId,
        outcome: attempt.outcome,
        reason: attempt.reason ?? null,
        step: attempt.step ?? null,
      },
    });
    const job = await tx.personalizationJob.update({
      data: {
        attempts: { increment: 1 },
        spoiledCards: { increment: attempt.outcome === 'spoiled' ? 1 : 0 },
        updatedAt: new Date(),
      },
      where: { jobId: attempt.jobId },
    });

    return { attempts: job.attempts, spoiledCards: job.spoiledCards };
  }

  async complete(
    tx: Tx,
    jobId: string,
    result: { chipSerial: string; digest: string; finishedAt: Date },
  ): Promise<void> {
    await tx.personalizationJob.update({
      data: { ...result, status: 'completed', updatedAt: result.finishedAt },
      where: { jobId },
    });
  }

  async fail(
    tx: Tx,
    jobId: string,
    failure: { code: string; reason: string; finishedAt: Date },
  ): Promise<void> {
    await tx.personalizationJob.update({
      data: {
        failureCode: failure.code,
        failureReason: failure.reason,
        finishedAt: failure.finishedAt,
        status: 'failed',
        updatedAt: failure.finishedAt,
      },
      where: { jobId },
    });
  }

  async listAttempts(jobId: string): Promise<CardAttemptRecord[]> {
    const rows = await this.prisma.cardAttempt.findMany({
      orderBy: { id: 'asc' },
      where: { jobId },
    });

    return rows.map((row) => ({
      chipSerial: row.chipSerial,
      encoderId: row.encoderId,
      errorCode: row.errorCode,
      jobId: row.jobId,
      outcome: row.outcome,
      reason: row.reason,
      step: row.step,
    }));
  }
}
