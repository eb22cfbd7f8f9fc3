import { Inject, Injectable } from '@nestjs/common';

import { CardReplaced, isCardTransitionAllowed, type ReplacementReason } from '@bitaqa/contracts';
import { enqueueEvent } from '@bitaqa/messaging';
import type { Logger } from '@bitaqa/observability';

import type { Card } from '../cards/card';
import { toIsoDate } from '../cards/card-dates';
import { CardLifecycleService } from '../cards/card-lifecycle.service';
import { IllegalCardTransitionError } from '../cards/illegal-card-transition.error';
import { CLOCK, LOGGER, type Clock } from '../core.module';
import { PrismaService } from '../database/prisma.service';
import { TRANSACTION_OPTIONS, type DbTransaction } from '../database/transaction';
import { IdentitiesService } from '../identities/identities.service';
import { EVENT_SOURCE } from '../messaging/event-source';

import { CardIssuerService } from './card-issuer.service';
import { checkHolderQualifies, checkReasonFitsCard, intermediateStatus } from './replacement-rules';

export interface ReplacementRequest {
  cardNumber: string;
  note?: string;
  reason: ReplacementReason;
}

export interface Replacement {
  newCard: Card;
  replacedCard: Card;
}

const STATUS_REASONS: Record<ReplacementReason, string> = {
  damaged: 'replaced: card damaged',
  expired: 'replaced: card expired',
  lost: 'replaced: card lost',
  renewal: 'replaced: card renewed',
  stolen: 'replaced: card stolen',
};

/**
 * Replaces a card at an officer's request in one transaction. The old card moves to `replaced`,
 * through `lost`, `stolen` or `expired` first when that is the reason, which also puts it on the
 * hotlist. A new card for the same holder goes through the normal issuance path with a link to
 * the old one, and `CardReplaced` is published.
 */
@Injectable()
export class ReplacementService {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly identities: IdentitiesService,
    private readonly issuer: CardIssuerService,
    private readonly lifecycle: CardLifecycleService,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly prisma: PrismaService,
  ) {}

  async replace(request: ReplacementRequest): Promise<Replacement> {
    const replacement = await this.prisma.$transaction(
      (tx) => this.replaceIn(tx, request),
      TRANSACTION_OPTIONS,
    );

    this.logger.info(
      {
        newCardNumber: replacement.newCard.cardNumber,
        oldCardNumber: request.cardNumber,
        reason: request.reason,
      },
      'card replaced',
    );

    return replacement;
  }

  private async replaceIn(tx: DbTransaction, request: ReplacementRequest): Promise<Replacement> {
    const at = this.clock.now();
    const today = toIsoDate(at);
    const old = await this.lockExisting(tx, request.cardNumber);
    const holder = await this.identities.lock(tx, old.nationalNumber);

    const step = intermediateStatus(old, request.reason, today);

    if (!isCardTransitionAllowed(step ?? old.status, 'replaced')) {
      throw new IllegalCardTransitionError(old.cardNumber, old.status, 'replaced');
    }

    checkReasonFitsCard(old, request.reason, today);
    checkHolderQualifies(old.cardNumber, old.nationalNumber, holder);

    const beforeReplace = step
      ? await this.lifecycle.transitionLocked(tx, old, {
          actor: step === 'expired' ? 'system' : 'officer',
          at,
          reason: step === 'expired' ? `card expired on ${old.expiryDate}` : `card ${step}`,
          to: step,
        })
      : old;
    const note = request.note ? ` (${request.note})` : '';
    const replacedCard = await this.lifecycle.transitionLocked(tx, beforeReplace, {
      actor: 'officer',
      at,
      reason: STATUS_REASONS[request.reason] + note,
      to: 'replaced',
    });
    const newCard = await this.issuer.issue(tx, holder, {
      reason: `replacement for card ${old.cardNumber}`,
      replacesCardNumber: old.cardNumber,
    });

    await enqueueEvent(
      tx,
      CardReplaced,
      {
        familyId: newCard.familyId,
        nationalNumber: old.nationalNumber,
        newCardNumber: newCard.cardNumber,
        oldCardNumber: old.cardNumber,
        reason: request.reason,
        replacedAt: at.toISOString(),
      },
      { source: EVENT_SOURCE, time: at },
    );

    return { newCard, replacedCard };
  }

  private async lockExisting(tx: DbTransaction, cardNumber: string): Promise<Card> {
    const card = await this.lifecycle.lockCard(tx, cardNumber);

    if (!card) throw this.lifecycle.notFound(cardNumber);

    return card;
  }
}
