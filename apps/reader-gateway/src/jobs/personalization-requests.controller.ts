import { Controller, Inject } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';

import { type EventData, PersonalizationRequested } from '@bitaqa/contracts';
import type { EventContext } from '@bitaqa/messaging';
import type { Logger } from '@bitaqa/observability';

import type { Tx } from '../infrastructure/prisma.service';
import { LOGGER } from '../infrastructure/tokens';

import { JobRepository } from './job.repository';
import { toPersonalizationData } from './personalization-request';

/** Consumes the card authority's personalization requests into the job queue. */
@Controller()
export class PersonalizationRequestsController {
  constructor(
    private readonly jobs: JobRepository,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /**
   * Queues the job in the transaction that records the event as processed. A request whose job
   * id is queued already (the authority sent it twice) changes nothing.
   */
  @EventPattern(PersonalizationRequested.type)
  async handle(
    @Payload() request: EventData<typeof PersonalizationRequested.type>,
    @Ctx() context: EventContext<Tx>,
  ): Promise<void> {
    const created = await this.jobs.enqueue(context.tx, {
      jobId: request.jobId,
      personalization: toPersonalizationData(request),
      requestedAt: new Date(request.requestedAt),
    });
    const fields = {
      cardNumber: request.cardNumber,
      eventId: context.event.id,
      jobId: request.jobId,
    };
    if (created) {
      this.logger.info(fields, 'personalization job queued');
    } else {
      this.logger.info(fields, 'personalization job already queued');
    }
  }
}
