import { Controller, Inject } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';

import { CardStatusChanged, PolicyPublished, type EventData } from '@bitaqa/contracts';
import type { EventContext } from '@bitaqa/messaging';
import type { Logger } from '@bitaqa/observability';

import type { SqliteTransaction } from '../sqlite/sqlite-transaction';
import { LOGGER } from '../tokens';

import { CardStatusRepository } from './card-status.repository';
import { PolicyRepository } from './policy.repository';

/**
 * Fills the station cache from the compacted topics. Each handler writes through the consumer's
 * transaction, which also records the event in the inbox, so a redelivered event applies once.
 */
@Controller()
export class CacheEventsController {
  constructor(
    @Inject(CardStatusRepository) private readonly cards: CardStatusRepository,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(PolicyRepository) private readonly policies: PolicyRepository,
  ) {}

  @EventPattern(CardStatusChanged.type)
  async cardStatusChanged(
    @Payload() data: EventData<typeof CardStatusChanged.type>,
    @Ctx() context: EventContext<SqliteTransaction>,
  ): Promise<void> {
    const stored = await this.cards.apply(context.tx, data);
    const fields = { cardNumber: data.cardNumber, status: data.status, version: data.version };

    if (stored) {
      this.logger.debug(fields, 'card status cached');
    } else {
      this.logger.debug(fields, 'card status ignored, cache has this or a newer version');
    }
  }

  @EventPattern(PolicyPublished.type)
  async policyPublished(
    @Payload() data: EventData<typeof PolicyPublished.type>,
    @Ctx() context: EventContext<SqliteTransaction>,
  ): Promise<void> {
    const stored = await this.policies.apply(context.tx, data);
    const fields = { policyVersion: data.policyVersion, productCode: data.productCode };

    if (stored) {
      this.logger.info(fields, 'policy cached');
    } else {
      this.logger.debug(fields, 'policy ignored, cache has this or a newer version');
    }
  }
}
