import { Controller, UseFilters } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';

import { PersonalizationCompleted, PersonalizationFailed } from '@bitaqa/contracts';
import type { EventContext } from '@bitaqa/messaging';

import type { DbTransaction } from '../database/transaction';
import { EventErrorPassthroughFilter } from '../messaging/event-error-passthrough.filter';

import {
  PersonalizationResultsService,
  type CompletedResult,
  type FailedResult,
} from './personalization-results.service';

/** Consumes reader.personalization-results. */
@Controller()
@UseFilters(EventErrorPassthroughFilter)
export class PersonalizationResultsController {
  constructor(private readonly results: PersonalizationResultsService) {}

  @EventPattern(PersonalizationCompleted.type)
  async completed(
    @Payload() result: CompletedResult,
    @Ctx() context: EventContext<DbTransaction>,
  ): Promise<void> {
    await this.results.completed(context.tx, result);
  }

  @EventPattern(PersonalizationFailed.type)
  async failed(
    @Payload() result: FailedResult,
    @Ctx() context: EventContext<DbTransaction>,
  ): Promise<void> {
    await this.results.failed(context.tx, result);
  }
}
