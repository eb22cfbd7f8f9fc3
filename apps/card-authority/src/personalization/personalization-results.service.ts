import { Inject, Injectable } from '@nestjs/common';

import type { EventData, PersonalizationCompleted, PersonalizationFailed } from '@bitaqa/contracts';
import { RejectedEventError } from '@bitaqa/messaging';
import type { Logger } from '@bitaqa/observability';

import type { Card } from '../cards/card';
import { CardLifecycleService } from '../cards/card-lifecycle.service';
import { CardRepository } from '../cards/card.repository';
import { LOGGER } from '../core.module';
import type { DbTransaction } from '../database/transaction';
import { IdentitiesService } from '../identities/identities.service';

import {
  MAX_PERSONALIZATION_ATTEMPTS,
  PersonalizationJobsService,
  type PersonalizationJob,
} from './personalization-jobs.service';

export type CompletedResult = EventData<typeof PersonalizationCompleted.type>;

export type FailedResult = EventData<typeof PersonalizationFailed.type>;

/** Outcome of a failure: a new job, or a flag for an officer. */
export type FailureOutcome = 'flagged-for-officer' | 'requeued';

/**
 * Applies encoder results. A result is accepted only for the card's current, still pending job.
 * Any other result describes a physical card the authority did not expect, so it is rejected
 * to the dead-letter topic for an operator.
 */
@Injectable()
export class PersonalizationResultsService {
  constructor(
    private readonly cards: CardRepository,
    private readonly identities: IdentitiesService,
    private readonly jobs: PersonalizationJobsService,
    private readonly lifecycle: CardLifecycleService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Moves the card queued -> personalized -> issued and stores the chip serial and digest. */
  async completed(tx: DbTransaction, result: CompletedResult): Promise<Card> {
    const { card } = await this.loadCurrentJob(tx, result.cardNumber, result.jobId);
    const at = new Date(result.completedAt);

    await this.jobs.finish(tx, result.jobId, {
      chipSerial: result.chipSerial,
      encoderId: result.encoderId,
      finishedAt: at,
      spoiledCards: result.spoiledCards,
      status: 'completed',
    });
    await this.cards.recordPersonalization(tx, card.cardNumber, {
      chipSerial: result.chipSerial,
      digest: result.digest,
    });

    const personalized = await this.lifecycle.transitionLocked(tx, card, {
      actor: 'system',
      reason: `personalized by encoder ${result.encoderId}`,
      to: 'personalized',
    });

    return this.lifecycle.transitionLocked(tx, personalized, {
      actor: 'system',
      reason: 'personalized card issued',
      to: 'issued',
    });
  }

  /** Opens a new job while attempts remain; otherwise flags the card for an officer. */
  async failed(tx: DbTransaction, result: FailedResult): Promise<FailureOutcome> {
    const { card, job } = await this.loadCurrentJob(tx, result.cardNumber, result.jobId);

    await this.jobs.finish(tx, result.jobId, {
      encoderId: result.encoderId,
      failureCode: result.code,
      failureReason: result.reason,
      finishedAt: new Date(result.failedAt),
      spoiledCards: result.spoiledCards,
      status: 'failed',
    });

    const log = { attempt: job.attempt, cardNumber: card.cardNumber, code: result.code };

    if (job.attempt >= MAX_PERSONALIZATION_ATTEMPTS) {
      await this.cards.setPersonalizationState(tx, card.cardNumber, {
        currentJobId: null,
        personalizationFailed: true,
      });
      this.logger.warn(log, 'personalization failed on every attempt, card needs an officer');

      return 'flagged-for-officer';
    }

    const holder = await this.identities.find(tx, card.nationalNumber);

    if (!holder) {
      throw new RejectedEventError(
        'HOLDER_IDENTITY_MISSING',
        `identity ${card.nationalNumber} of card ${card.cardNumber} not found, ` +
          'so the job cannot be requeued',
      );
    }

    this.logger.warn(log, 'personalization failed, requesting it again');
    await this.jobs.request(tx, card, holder, job.attempt + 1);

    return 'requeued';
  }

  private async loadCurrentJob(
    tx: DbTransaction,
    cardNumber: string,
    jobId: string,
  ): Promise<{ card: Card; job: PersonalizationJob }> {
    const job = await this.jobs.find(tx, jobId);

    if (!job || job.cardNumber !== cardNumber) {
      throw new RejectedEventError(
        'UNKNOWN_PERSONALIZATION_JOB',
        `personalization job ${jobId} for card ${cardNumber} was never requested`,
      );
    }

    const card = await this.lifecycle.lockCard(tx, cardNumber);

    if (!card || job.status !== 'pending' || card.currentJobId !== jobId) {
      throw new RejectedEventError(
        'STALE_PERSONALIZATION_JOB',
        `personalization job ${jobId} is ${job.status} ` +
          `and not the current job of card ${cardNumber}`,
      );
    }
    if (card.status !== 'queued') {
      throw new RejectedEventError(
        'CARD_NOT_AWAITING_PERSONALIZATION',
        `card ${cardNumber} is ${card.status}, not queued, ` +
          `so the card made by job ${jobId} must be destroyed`,
      );
    }

    return { card, job };
  }
}
