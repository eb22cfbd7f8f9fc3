import { randomUUID } from 'node:crypto';

import { Inject, Injectable } from '@nestjs/common';

import { PersonalizationRequested } from '@bitaqa/contracts';
import { enqueueEvent } from '@bitaqa/messaging';
import type { Logger } from '@bitaqa/observability';

import type { Card } from '../cards/card';
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

/** Creates personalization jobs and publishes `PersonalizationRequested` for the encoders. */
@Injectable()
export class PersonalizationJobsService {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

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

    await tx.personalizationJob.create({
      data: { attempt, cardNumber: card.cardNumber, jobId, requestedAt },
    });
    await tx.card.update({ data: { currentJobId: jobId }, where: { cardNumber: card.cardNumber } });
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
      },
      { source: EVENT_SOURCE, time: requestedAt },
    );
    this.logger.info({ attempt, cardNumber: card.cardNumber, jobId }, 'personalization requested');

    return { attempt, cardNumber: card.cardNumber, jobId, status: 'pending' };
  }

  async find(tx: DbTransaction, jobId: string): Promise<PersonalizationJob | undefined> {
    const row = await tx.personalizationJob.findUnique({ where: { jobId } });

    return row
      ? { attempt: row.attempt, cardNumber: row.cardNumber, jobId, status: row.status }
      : undefined;
  }
}
