import { Inject, Injectable } from '@nestjs/common';

import { chipLifecycleFor, type ChipLifecycle } from '@bitaqa/contracts';
import { NotFoundError } from '@bitaqa/http';
import type { Logger } from '@bitaqa/observability';

import { LOGGER } from '../core.module';
import { PrismaService } from '../database/prisma.service';
import { TRANSACTION_OPTIONS } from '../database/transaction';

import { toCard, toHistoryEntry, type Card, type CardHistoryEntry } from './card';
import { CardLifecycleService } from './card-lifecycle.service';
import type { OFFICER_TARGET_STATUSES } from './dto/transition.body';

export interface CardDetails extends Card {
  /** State the card's chip should be in for this status, for encoders and stations. */
  chipLifecycle: ChipLifecycle;
  history: CardHistoryEntry[];
  /** The card that replaced this one, if an officer replaced it. */
  replacedByCardNumber: string | null;
}

export type OfficerTargetStatus = (typeof OFFICER_TARGET_STATUSES)[number];

/** Card look-ups and officer status changes for the HTTP API. */
@Injectable()
export class CardsService {
  constructor(
    private readonly lifecycle: CardLifecycleService,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly prisma: PrismaService,
  ) {}

  async getCard(cardNumber: string): Promise<CardDetails> {
    const row = await this.prisma.card.findUnique({
      include: {
        events: { orderBy: { version: 'asc' } },
        replacedBy: { select: { cardNumber: true } },
      },
      where: { cardNumber },
    });

    if (!row) {
      throw new NotFoundError('CARD_NOT_FOUND', `card ${cardNumber} not found`, {
        field: 'cardNumber',
        hint: 'check the card number, or look the holder up with GET /cards?nationalNumber=',
        value: cardNumber,
      });
    }

    return {
      ...toCard(row),
      chipLifecycle: chipLifecycleFor(row.status),
      history: row.events.map(toHistoryEntry),
      replacedByCardNumber: row.replacedBy?.cardNumber ?? null,
    };
  }

  /** Lists every card the person has held, newest first. */
  async findByNationalNumber(nationalNumber: string): Promise<Card[]> {
    const rows = await this.prisma.card.findMany({
      orderBy: { serial: 'desc' },
      where: { nationalNumber },
    });

    return rows.map(toCard);
  }

  async changeStatusByOfficer(
    cardNumber: string,
    to: OfficerTargetStatus,
    reason: string,
  ): Promise<Card> {
    const card = await this.prisma.$transaction(
      (tx) => this.lifecycle.transition(tx, cardNumber, { actor: 'officer', reason, to }),
      TRANSACTION_OPTIONS,
    );

    this.logger.info({ cardNumber, reason, to }, 'officer changed card status');

    return card;
  }
}
