import { Inject, Injectable } from '@nestjs/common';

import {
  CardLifecycleChanged,
  CardStatusChanged,
  isCardTransitionAllowed,
  type CardStatus,
} from '@bitaqa/contracts';
import { NotFoundError } from '@bitaqa/http';
import { enqueueEvent } from '@bitaqa/messaging';
import type { Logger } from '@bitaqa/observability';

import { CLOCK, LOGGER, type Clock } from '../core.module';
import type { DbTransaction } from '../database/transaction';
import { EVENT_SOURCE } from '../messaging/event-source';

import type { Card, CardActor } from './card';
import { expiryDateFor, startOfUtcDay } from './card-dates';
import { cardStatusData } from './card-status-event';
import { cardNumberFromSerial } from './card-number';
import { CardRepository } from './card.repository';
import { IllegalCardTransitionError } from './illegal-card-transition.error';

export interface StatusChange {
  actor: CardActor;
  /** When the change happens; defaults to the clock's now. */
  at?: Date;
  reason: string;
  to: CardStatus;
}

export interface NewCardHolder {
  familyId: string | null;
  nationalNumber: string;
  /** The card the new one replaces, for a replacement an officer requested. */
  replacesCardNumber?: string;
}

/**
 * Every write to a card's status goes through here: it checks the transition table, records
 * the change in `card_events`, and publishes `CardLifecycleChanged` and `CardStatusChanged`
 * through the outbox, all inside the caller's transaction.
 */
@Injectable()
export class CardLifecycleService {
  constructor(
    private readonly cards: CardRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Creates a card in status `requested`, numbered from the card serial sequence. */
  async createCard(tx: DbTransaction, holder: NewCardHolder, reason: string): Promise<Card> {
    const at = this.clock.now();
    const serial = await this.cards.nextSerial(tx);
    const issueDate = startOfUtcDay(at);
    const card = await this.cards.insert(tx, {
      cardNumber: cardNumberFromSerial(serial),
      expiryDate: expiryDateFor(issueDate),
      familyId: holder.familyId,
      issueDate,
      nationalNumber: holder.nationalNumber,
      replacesCardNumber: holder.replacesCardNumber ?? null,
      serial,
      status: 'requested',
      statusReason: reason,
      updatedAt: at,
    });

    await this.record(tx, card, null, { actor: 'system', at, reason, to: 'requested' });

    return card;
  }

  /** Locks the card row for the rest of the transaction and returns the card, if it exists. */
  async lockCard(tx: DbTransaction, cardNumber: string): Promise<Card | undefined> {
    return this.cards.lock(tx, cardNumber);
  }

  /** Finds and locks the person's card that is not expired, revoked or replaced. */
  async lockLiveCard(tx: DbTransaction, nationalNumber: string): Promise<Card | undefined> {
    return this.cards.lockLive(tx, nationalNumber);
  }

  /**
   * Locks the card and moves it to `change.to`. Throws 404 for an unknown card and 422 when the
   * transition table forbids the change.
   */
  async transition(tx: DbTransaction, cardNumber: string, change: StatusChange): Promise<Card> {
    const card = await this.cards.lock(tx, cardNumber);

    if (!card) throw this.notFound(cardNumber);

    return this.transitionLocked(tx, card, change);
  }

  /** Builds the 404 error for a card number the authority never issued. */
  notFound(cardNumber: string): NotFoundError {
    return new NotFoundError('CARD_NOT_FOUND', `card ${cardNumber} not found`, {
      field: 'cardNumber',
      hint: 'check the card number, or look the holder up with GET /cards?nationalNumber=',
      value: cardNumber,
    });
  }

  /** Moves a card the caller has already locked to `change.to`. */
  async transitionLocked(tx: DbTransaction, card: Card, change: StatusChange): Promise<Card> {
    if (!isCardTransitionAllowed(card.status, change.to)) {
      throw new IllegalCardTransitionError(card.cardNumber, card.status, change.to);
    }

    const at = change.at ?? this.clock.now();
    const updated = await this.cards.updateStatus(tx, card.cardNumber, {
      at,
      reason: change.reason,
      to: change.to,
    });

    await this.record(tx, updated, card.status, { ...change, at });

    return updated;
  }

  private async record(
    tx: DbTransaction,
    card: Card,
    from: CardStatus | null,
    change: Required<StatusChange>,
  ): Promise<void> {
    const changedAt = change.at.toISOString();
    const metadata = { source: EVENT_SOURCE, time: change.at };

    await this.cards.insertEvent(tx, {
      actor: change.actor,
      cardNumber: card.cardNumber,
      from,
      occurredAt: change.at,
      reason: change.reason,
      to: change.to,
      version: card.statusVersion,
    });
    await enqueueEvent(
      tx,
      CardLifecycleChanged,
      {
        cardNumber: card.cardNumber,
        changedAt,
        from,
        nationalNumber: card.nationalNumber,
        reason: change.reason,
        to: change.to,
      },
      metadata,
    );
    await enqueueEvent(tx, CardStatusChanged, cardStatusData(card, changedAt), metadata);
    this.logger.debug(
      { actor: change.actor, cardNumber: card.cardNumber, from, to: change.to },
      'card status changed',
    );
  }
}
