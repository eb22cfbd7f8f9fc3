import { Inject, Injectable } from '@nestjs/common';

import { CardLifecycleChanged, CardStatusChanged, type CardStatus } from '@bitaqa/contracts';
import { NotFoundError } from '@bitaqa/http';
import { enqueueEvent } from '@bitaqa/messaging';
import type { Logger } from '@bitaqa/observability';

import { LOGGER } from '../core.module';
import type { DbTransaction } from '../database/transaction';
import { EVENT_SOURCE } from '../messaging/event-source';

import { expiryDateFor, startOfUtcDay } from './card-dates';
import { isTransitionAllowed, LIVE_CARD_STATUSES } from './card-lifecycle';
import { cardNumberFromSerial } from './card-number';
import { toCard, type Card, type CardActor } from './card';
import { IllegalCardTransitionError } from './illegal-card-transition.error';

export interface StatusChange {
  actor: CardActor;
  /** When the change happens; defaults to now. */
  at?: Date;
  reason: string;
  to: CardStatus;
}

export interface NewCardHolder {
  familyId: string | null;
  nationalNumber: string;
}

/**
 * Every write to a card's status goes through here: it checks the transition table, records
 * the change in `card_events`, and publishes `CardLifecycleChanged` and `CardStatusChanged`
 * through the outbox, all inside the caller's transaction.
 */
@Injectable()
export class CardLifecycleService {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  /** Creates a card in status `requested`, numbered from the card serial sequence. */
  async createCard(tx: DbTransaction, holder: NewCardHolder, reason: string): Promise<Card> {
    const at = new Date();
    const [next] = await tx.$queryRaw<{ serial: bigint }[]>`
      SELECT nextval('card_serial_seq') AS serial`;

    if (!next) throw new Error('card_serial_seq returned no value');

    const issueDate = startOfUtcDay(at);
    const row = await tx.card.create({
      data: {
        cardNumber: cardNumberFromSerial(next.serial),
        expiryDate: expiryDateFor(issueDate),
        familyId: holder.familyId,
        issueDate,
        nationalNumber: holder.nationalNumber,
        serial: next.serial,
        status: 'requested',
        statusReason: reason,
        statusVersion: 1,
      },
    });
    const card = toCard(row);

    await this.record(tx, card, null, { actor: 'system', at, reason, to: 'requested' });

    return card;
  }

  /** Locks the card row for the rest of the transaction and returns the card, if it exists. */
  async lockCard(tx: DbTransaction, cardNumber: string): Promise<Card | undefined> {
    await tx.$queryRaw`SELECT card_number FROM cards WHERE card_number = ${cardNumber} FOR UPDATE`;

    const row = await tx.card.findUnique({ where: { cardNumber } });

    return row ? toCard(row) : undefined;
  }

  /** Finds and locks the person's card that is not expired, revoked or replaced. */
  async lockLiveCard(tx: DbTransaction, nationalNumber: string): Promise<Card | undefined> {
    const row = await tx.card.findFirst({
      where: { nationalNumber, status: { in: [...LIVE_CARD_STATUSES] } },
    });

    return row ? this.lockCard(tx, row.cardNumber) : undefined;
  }

  /** Locks the card and moves it to `change.to`; 404 if there is no such card, 409 if illegal. */
  async transition(tx: DbTransaction, cardNumber: string, change: StatusChange): Promise<Card> {
    const card = await this.lockCard(tx, cardNumber);

    if (!card) {
      throw new NotFoundError('CARD_NOT_FOUND', `card ${cardNumber} not found`, {
        field: 'cardNumber',
        hint: 'check the card number, or look the holder up with GET /cards?nationalNumber=',
        value: cardNumber,
      });
    }

    return this.transitionLocked(tx, card, change);
  }

  /** Moves a card the caller has already locked to `change.to`. */
  async transitionLocked(tx: DbTransaction, card: Card, change: StatusChange): Promise<Card> {
    if (!isTransitionAllowed(card.status, change.to)) {
      throw new IllegalCardTransitionError(card.cardNumber, card.status, change.to);
    }

    const at = change.at ?? new Date();
    const row = await tx.card.update({
      data: {
        issuedAt: change.to === 'issued' && card.issuedAt === null ? at : undefined,
        status: change.to,
        statusReason: change.reason,
        statusVersion: card.statusVersion + 1,
        updatedAt: at,
      },
      where: { cardNumber: card.cardNumber },
    });
    const updated = toCard(row);

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

    await tx.cardEvent.create({
      data: {
        actor: change.actor,
        cardNumber: card.cardNumber,
        fromStatus: from,
        occurredAt: change.at,
        reason: change.reason,
        toStatus: change.to,
        version: card.statusVersion,
      },
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
      { source: EVENT_SOURCE, time: change.at },
    );

    await enqueueEvent(
      tx,
      CardStatusChanged,
      {
        cardNumber: card.cardNumber,
        changedAt,
        expiryDate: card.expiryDate,
        familyId: card.familyId,
        nationalNumber: card.nationalNumber,
        reason: change.reason,
        status: card.status,
        version: card.statusVersion,
      },
      { source: EVENT_SOURCE, time: change.at },
    );

    this.logger.info(
      {
        actor: change.actor,
        cardNumber: card.cardNumber,
        from,
        to: change.to,
        version: card.statusVersion,
      },
      'card status changed',
    );
  }
}
