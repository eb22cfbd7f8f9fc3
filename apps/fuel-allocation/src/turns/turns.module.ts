import { Module } from '@nestjs/common';

import { CatalogueModule } from '../catalogue/catalogue.module';
import { DistributorsModule } from '../distributors/distributors.module';
import { EntitlementsModule } from '../entitlements/entitlements.module';

import { BackgroundScheduler } from './background-scheduler';
import { CompletionService } from './completion.service';
import { EligibilityService } from './eligibility.service';
import { ExpiryService } from './expiry.service';
import { IdentityRegistryClient } from './identity-registry.client';
import { NoticeSenderService } from './notice-sender.service';
import { QueueService } from './queue.service';
import { SchedulerService } from './scheduler.service';
import { TurnQueryService } from './turn-query.service';
import { TurnRunsService } from './turn-runs.service';
import { TurnsController } from './turns.controller';

/** Turn queues at distributors; exports the hook that redemptions call to complete turns. */
@Module({
  controllers: [TurnsController],
  exports: [CompletionService],
  imports: [CatalogueModule, DistributorsModule, EntitlementsModule],
  providers: [
    BackgroundScheduler,
    CompletionService,
    EligibilityService,
    ExpiryService,
    IdentityRegistryClient,
    NoticeSenderService,
    QueueService,
    SchedulerService,
    TurnQueryService,
    TurnRunsService,
  ],
})
export class TurnsModule {}
