import { randomUUID } from 'node:crypto';

import { Inject, Injectable } from '@nestjs/common';

import { PersonalizationRequested } from '@bitaqa/contracts';
import { enqueueEvent } from '@bitaqa/messaging';
import type { Logger } from '@bitaqa/observability';

import type { Card } from '../cards/card';
import { CardRepository } from '../cards/card.repository';
import { LOGGER } from '../core.module';
import type { DbTransaction } from '../database/transaction';
import type { IdentitySnapshot } from '../identities/identity';
import { EVENT_SOURCE } from '../messaging/event-source';

/** Personalization attempts per card before it waits for an officer. */
export const MAX_PERSONALIZATION_ATTEMPTS = 3;

/** A personalization job as the result handlers need it. */
export interface PersonalizationJob {
  attempt: number;
  cardNumber: string;
  jobId: string;
  status: 'completed' | 'failed' | 'pending';
}

/**
 * End state of a job. A completed job carries the chip serial, and a failed one the failure
 * code and reason.
 */
export interface JobOutcome {
  chipSerial?: string;
  encoderId: string;
  failureCode?: string;
  failureReason?: string;
  finishedAt: Date;
  spoiledCards: number;
  status: 'completed' | 'failed';
}

/** Creates personalization jobs and publishes `PersonalizationRequested` for the encoders. */
@Injectable()
export class PersonalizationJobsService {
  constructor(
    private readonly cards: CardRepository,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /**
   * Opens job number `attempt` for a queued card with a new job id, makes it the card's current
   * job, and publishes the request with the holder data copied from the identity.
   */
  async request(
    tx: DbTransaction,
    card: Card,
    holder: IdentitySnapshot,
    attempt: number,
  ): Promise<PersonalizationJob> {
    const jobId = randomUUID();
    const requestedAt = new Date();

    await tx.$executeRaw`
      INSERT INTO personalization_jobs (job_id, card_number, attempt, requested_at)
      VALUES (${jobId}::uuid, ${card.cardNumber}, ${attempt}, ${requestedAt})`;
    await this.cards.setPersonalizationState(tx, card.cardNumber, {
      currentJobId: jobId,
      personalizationFailed: false,
    });
    await enqueueEvent(
      tx,
      PersonalizationRequested,
      {
        cardNumber: card.cardNumber,
        expiryDate: card.expiryDate,
        holder: {
          birthDate: holder.birthDate,
          familyId: holder.familyId,
          familyNameAr: holder.familyNameAr,
          familyNameLatin: holder.familyNameLatin,
          fatherNameAr: holder.fatherNameAr,
          givenNameAr: holder.givenNameAr,
          givenNameLatin: holder.givenNameLatin,
          governorate: holder.governorate,
          nationalNumber: holder.nationalNumber,
          sex: holder.sex,
        },
        jobId,
        requestedAt: requestedAt.toISOString(),
        siteId: holder.governorate,
      },
      { source: EVENT_SOURCE, time: requestedAt },
    );
    this.logger.info({ attempt, cardNumber: card.cardNumber, jobId }, 'personalization requested');

    return { attempt, cardNumber: card.cardNumber, jobId, status: 'pending' };
  }

  async find(tx: DbTransaction, jobId: string): Promise<PersonalizationJob | undefined> {
    const [job] = await tx.$queryRaw<PersonalizationJob[]>`
      SELECT job_id::text AS "jobId", card_number AS "cardNumber", attempt, status::text AS status
      FROM personalization_jobs WHERE job_id = ${jobId}::uuid`;

    return job;
  }

  /** Records how a job ended, as the encoder reported it. */
  async finish(tx: DbTransaction, jobId: string, outcome: JobOutcome): Promise<void> {
    await tx.$executeRaw`
      UPDATE personalization_jobs SET status = ${outcome.status}::personalization_job_status,
        encoder_id = ${outcome.encoderId}, finished_at = ${outcome.finishedAt},
        spoiled_cards = ${outcome.spoiledCards}, chip_serial = ${outcome.chipSerial ?? null},
        failure_code = ${outcome.failureCode ?? null},
        failure_reason = ${outcome.failureReason ?? null}
      WHERE job_id = ${jobId}::uuid`;
  }
}
