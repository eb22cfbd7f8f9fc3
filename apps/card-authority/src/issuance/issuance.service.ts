import { Inject, Injectable } from '@nestjs/common';

import type { Logger } from '@bitaqa/observability';

import type { Card } from '../cards/card';
import { CardLifecycleService } from '../cards/card-lifecycle.service';
import { LOGGER } from '../core.module';
import type { DbTransaction } from '../database/transaction';
import { IdentitiesService } from '../identities/identities.service';
import type { IdentitySnapshot } from '../identities/identity';

import { CardIssuerService } from './card-issuer.service';

/** Effect of one identity event, for logs and tests. */
export type IdentityOutcome =
  'card-issued' | 'card-moved-to-survivor' | 'card-revoked' | 'no-change' | 'stale-version';

export const HOLDER_DECEASED_REASON = 'holder deceased';

/** Reason recorded when a merged identity's card is revoked. */
export const IDENTITY_MERGED_REASON = 'identity-merged';

/**
 * Decides card issuance from identity changes: an active family head without a live card gets
 * one, a deceased holder's live card is revoked, and a merged identity's live card is revoked
 * while its survivor keeps its own card or gets one.
 */
@Injectable()
export class IssuanceService {
  constructor(
    private readonly identities: IdentitiesService,
    private readonly issuer: CardIssuerService,
    private readonly lifecycle: CardLifecycleService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async applyIdentity(tx: DbTransaction, identity: IdentitySnapshot): Promise<IdentityOutcome> {
    const log = { nationalNumber: identity.nationalNumber, version: identity.version };

    if (!(await this.identities.saveIfNewer(tx, identity))) {
      this.logger.info(log, 'identity version not newer than the stored one, ignored');

      return 'stale-version';
    }

    const liveCard = await this.lifecycle.lockLiveCard(tx, identity.nationalNumber);

    if (identity.status === 'deceased') {
      return liveCard ? this.revoke(tx, liveCard, HOLDER_DECEASED_REASON) : 'no-change';
    }

    if (identity.status === 'merged') {
      return this.applyMerge(tx, identity, liveCard);
    }

    if (identity.familyRole !== 'head' || liveCard) return 'no-change';

    await this.issuer.issue(tx, identity, { reason: 'family head without a card' });

    return 'card-issued';
  }

  /**
   * Revokes the merged identity's live card and issues a card to the survivor when the survivor
   * is a known active family head without one. A survivor the authority has not heard of yet
   * gets its card from its own identity event.
   */
  private async applyMerge(
    tx: DbTransaction,
    merged: IdentitySnapshot,
    liveCard: Card | undefined,
  ): Promise<IdentityOutcome> {
    if (!liveCard) return 'no-change';

    await this.revoke(tx, liveCard, IDENTITY_MERGED_REASON);

    const survivorNumber = merged.mergedInto;
    const survivor = survivorNumber ? await this.identities.lock(tx, survivorNumber) : undefined;
    const log = { cardNumber: liveCard.cardNumber, merged: merged.nationalNumber, survivorNumber };

    if (!survivor || survivor.status !== 'active' || survivor.familyRole !== 'head') {
      this.logger.info(log, 'merged identity card revoked, survivor gets no card now');

      return 'card-revoked';
    }

    if (await this.lifecycle.lockLiveCard(tx, survivor.nationalNumber)) {
      this.logger.info(log, 'merged identity card revoked, survivor keeps its card');

      return 'card-revoked';
    }

    const card = await this.issuer.issue(tx, survivor, {
      reason: `survivor of merged identity ${merged.nationalNumber}`,
    });

    this.logger.info({ ...log, survivorCard: card.cardNumber }, 'survivor of a merge gets a card');

    return 'card-moved-to-survivor';
  }

  private async revoke(tx: DbTransaction, card: Card, reason: string): Promise<IdentityOutcome> {
    await this.lifecycle.transitionLocked(tx, card, { actor: 'system', reason, to: 'revoked' });

    return 'card-revoked';
  }
}
