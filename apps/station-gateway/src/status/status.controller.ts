import { Controller, Get, Inject } from '@nestjs/common';

import { Public, RequireScopes } from '@bitaqa/auth';

import { StationScopes } from '../auth/scopes';
import { CardStatusRepository } from '../cache/card-status.repository';
import { PolicyRepository } from '../cache/policy.repository';
import type { StationCardReader } from '../card-reader/station-card-reader';
import { consumerGroupId, type StationConfig } from '../config';
import { TransactionRepository } from '../transactions/transaction.repository';
import { CARD_READER, STATION_CONFIG } from '../tokens';

import { ConsumerLagProbe } from './consumer-lag.probe';

@Controller()
export class StatusController {
  constructor(
    @Inject(CardStatusRepository) private readonly cards: CardStatusRepository,
    @Inject(STATION_CONFIG) private readonly config: StationConfig,
    @Inject(ConsumerLagProbe) private readonly lagProbe: ConsumerLagProbe,
    @Inject(PolicyRepository) private readonly policies: PolicyRepository,
    @Inject(CARD_READER) private readonly reader: StationCardReader,
    @Inject(TransactionRepository) private readonly transactions: TransactionRepository,
  ) {}

  /** Cached cards by status, and transactions by outcome. */
  @Get('stats')
  @RequireScopes(StationScopes.operate)
  stats() {
    const byStatus = this.cards.countByStatus();
    const outcomes = this.transactions.countByOutcome();

    return {
      cards: { byStatus, total: Object.values(byStatus).reduce((sum, n) => sum + (n ?? 0), 0) },
      policies: this.policies.count(),
      stationId: this.config.stationId,
      transactions: { ...outcomes, total: Object.values(outcomes).reduce((a, b) => a + b, 0) },
    };
  }

  @Get('health')
  @Public()
  async health() {
    return {
      cache: { cards: this.cards.count(), policies: this.policies.count() },
      consumer: { groupId: consumerGroupId(this.config), lag: await this.lagProbe.lag() },
      reader: this.reader.readerName() ?? null,
      stationId: this.config.stationId,
      status: 'ok',
    };
  }
}
