import { Injectable } from '@nestjs/common';

import type { Card } from '../cards/card';
import { CardLifecycleService } from '../cards/card-lifecycle.service';
import type { DbTransaction } from '../database/transaction';
import type { IdentitySnapshot } from '../identities/identity';
import { PersonalizationJobsService } from '../personalization/personalization-jobs.service';

export interface IssueOptions {
  /** Reason recorded for the `requested` status. */
  reason: string;
  /** The card the new one replaces, when an officer requested a replacement. */
  replacesCardNumber?: string;
}

/**
 * The one issuance path: it creates a card, moves it requested -> approved -> queued, and opens
 * its first personalization job. Automatic issuance to a family head, a merged identity's
 * survivor and an officer's replacement all go through it.
 */
@Injectable()
export class CardIssuerService {
  constructor(
    private readonly lifecycle: CardLifecycleService,
    private readonly personalization: PersonalizationJobsService,
  ) {}

  async issue(tx: DbTransaction, holder: IdentitySnapshot, options: IssueOptions): Promise<Card> {
    if (holder.status !== 'active') {
      throw new Error(`identity ${holder.nationalNumber} is ${holder.status}, not active`);
    }

    const requested = await this.lifecycle.createCard(
      tx,
      {
        familyId: holder.familyId,
        nationalNumber: holder.nationalNumber,
        replacesCardNumber: options.replacesCardNumber,
      },
      options.reason,
    );
    const approved = await this.lifecycle.transitionLocked(tx, requested, {
      actor: 'system',
      reason: 'active identity, head of family',
      to: 'approved',
    });
    const queued = await this.lifecycle.transitionLocked(tx, approved, {
      actor: 'system',
      reason: 'queued for personalization',
      to: 'queued',
    });

    await this.personalization.request(tx, queued, holder, 1);

    return (await this.lifecycle.lockCard(tx, queued.cardNumber)) ?? queued;
  }
}
