import { Inject, Injectable } from '@nestjs/common';

import type { PersonalizationResult } from '@bitaqa/card';
import type { Logger } from '@bitaqa/observability';

import { Clock } from '../infrastructure/clock';
import { PrismaService } from '../infrastructure/prisma.service';
import { LOGGER } from '../infrastructure/tokens';
import type { PersonalizationJob } from '../jobs/job';
import { JobRepository } from '../jobs/job.repository';
import { enqueueCompleted, enqueueFailed } from '../jobs/personalization-results';

import type { CardFailure } from './card-failure';
import { EncoderRepository } from './encoder.repository';

/**
 * Records what happened to each card and finishes jobs. Every change to a job commits in one
 * transaction with its result event in the outbox.
 */
@Injectable()
export class JobOutcomes {
  constructor(
    private readonly clock: Clock,
    private readonly encoders: EncoderRepository,
    private readonly jobs: JobRepository,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly prisma: PrismaService,
  ) {}

  /** Records the personalized card, completes the job and queues `PersonalizationCompleted`. */
  async completed(
    job: PersonalizationJob,
    encoderId: string,
    result: PersonalizationResult,
  ): Promise<void> {
    const now = this.clock.now();
    await this.prisma.transaction(async (tx) => {
      const counts = await this.jobs.recordAttempt(tx, {
        chipSerial: result.serial,
        encoderId,
        jobId: job.jobId,
        outcome: 'personalized',
      });
      await this.jobs.complete(tx, job.jobId, {
        chipSerial: result.serial,
        digest: result.digest,
        finishedAt: now,
      });
      await this.encoders.countCard(tx, encoderId, 'personalized');
      await enqueueCompleted(tx, {
        cardNumber: job.cardNumber,
        chipSerial: result.serial,
        completedAt: now,
        digest: result.digest,
        encoderId,
        jobId: job.jobId,
        spoiledCards: counts.spoiledCards,
      });
    });
    this.logger.info(
      { cardNumber: job.cardNumber, chipSerial: result.serial, encoderId, jobId: job.jobId },
      'card personalized',
    );
  }

  /**
   * Records a failed card. When no other card can help, or the job has used up `maxCards`, the
   * job fails and `PersonalizationFailed` is queued. Returns true when the job is finished.
   */
  async cardFailed(
    job: PersonalizationJob,
    encoderId: string,
    failure: CardFailure,
    maxCards: number,
    chipSerial: string | null,
  ): Promise<boolean> {
    const now = this.clock.now();
    const finished = await this.prisma.transaction(async (tx) => {
      const counts = await this.jobs.recordAttempt(tx, {
        chipSerial,
        encoderId,
        errorCode: failure.code,
        jobId: job.jobId,
        outcome: failure.outcome,
        reason: failure.reason,
        step: failure.step,
      });
      await this.encoders.countCard(
        tx,
        encoderId,
        failure.outcome === 'spoiled' ? 'spoiled' : 'failed',
      );

      if (failure.retryWithAnotherCard && counts.attempts < maxCards) {
        return false;
      }

      const reason = failure.retryWithAnotherCard
        ? `${counts.attempts} cards failed; last: ${failure.reason}`
        : failure.reason;
      await this.jobs.fail(tx, job.jobId, { code: failure.code, finishedAt: now, reason });
      await enqueueFailed(tx, {
        cardNumber: job.cardNumber,
        code: failure.code,
        encoderId,
        failedAt: now,
        jobId: job.jobId,
        reason,
        spoiledCards: counts.spoiledCards,
      });

      return true;
    });
    const fields = {
      cardNumber: job.cardNumber,
      chipSerial,
      code: failure.code,
      encoderId,
      jobId: job.jobId,
      outcome: failure.outcome,
      step: failure.step,
    };
    if (failure.outcome === 'spoiled') {
      this.logger.warn(fields, 'card spoiled');
    } else {
      this.logger.warn({ ...fields, reason: failure.reason }, 'card attempt failed');
    }

    if (finished) {
      this.logger.error(fields, 'personalization job failed');
    }

    return finished;
  }

  /**
   * Fails a job before any card was used, such as when the card authority rejects its secrets
   * request, and queues `PersonalizationFailed`.
   */
  async jobFailed(
    job: PersonalizationJob,
    encoderId: string,
    failure: { code: string; reason: string },
  ): Promise<void> {
    const now = this.clock.now();
    await this.prisma.transaction(async (tx) => {
      await this.jobs.fail(tx, job.jobId, { ...failure, finishedAt: now });
      await enqueueFailed(tx, {
        cardNumber: job.cardNumber,
        code: failure.code,
        encoderId,
        failedAt: now,
        jobId: job.jobId,
        reason: failure.reason,
        spoiledCards: job.spoiledCards,
      });
    });
    this.logger.error(
      { cardNumber: job.cardNumber, code: failure.code, encoderId, jobId: job.jobId },
      'personalization job failed',
    );
  }
}
