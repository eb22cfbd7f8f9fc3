import { Inject, Injectable } from '@nestjs/common';

import { CARD_STATUSES, isCardTransitionAllowed } from '@bitaqa/contracts';
import type { Logger } from '@bitaqa/observability';

import { toIsoDate } from '../cards/card-dates';
import { CardLifecycleService } from '../cards/card-lifecycle.service';
import { CardRepository } from '../cards/card.repository';
import { CLOCK, LOGGER, type Clock } from '../core.module';
import { PrismaService } from '../database/prisma.service';
import { TRANSACTION_OPTIONS, type DbTransaction } from '../database/transaction';

/** Statuses the transition table lets move to `expired`: issued cards not yet final. */
export const EXPIRING_STATUSES = CARD_STATUSES.filter((status) =>
  isCardTransitionAllowed(status, 'expired'),
);

/** Cards expired per transaction, so one run never holds many row locks for long. */
export const EXPIRY_BATCH_SIZE = 200;

/**
 * Moves cards past their expiry date to `expired` through the lifecycle, so each change is
 * checked, audited and published. A card is valid through its expiry date (a UTC calendar day,
 * like the issue date), so it expires from the next day on.
 */
@Injectable()
export class ExpiryService {
  constructor(
    private readonly cards: CardRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly lifecycle: CardLifecycleService,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly prisma: PrismaService,
  ) {}

  /** Expires every due card in batches and returns how many it expired. */
  async expireDue(): Promise<number> {
    const at = this.clock.now();
    const today = toIsoDate(at);
    let expired = 0;
    let batch: number;

    do {
      batch = await this.prisma.$transaction(
        (tx) => this.expireBatch(tx, today, at),
        TRANSACTION_OPTIONS,
      );
      expired += batch;

      if (batch > 0) this.logger.info({ expired, today }, 'card expiry progress');
    } while (batch === EXPIRY_BATCH_SIZE);

    this.logger.info({ expired, today }, 'card expiry run finished');

    return expired;
  }

  /**
   * Expires up to one batch of due cards. Rows locked by another transaction are skipped, so an
   * officer's change to a card is never blocked; the next run picks the card up.
   */
  private async expireBatch(tx: DbTransaction, today: string, at: Date): Promise<number> {
    const cards = await this.cards.lockExpiring(tx, EXPIRING_STATUSES, today, EXPIRY_BATCH_SIZE);

    for (const card of cards) {
      await this.lifecycle.transitionLocked(tx, card, {
        actor: 'system',
        at,
        reason: `card expired on ${card.expiryDate}`,
        to: 'expired',
      });
    }

    return cards.length;
  }
}
