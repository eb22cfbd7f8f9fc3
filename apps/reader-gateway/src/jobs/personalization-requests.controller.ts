import { Controller, Inject } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';

import { type EventData, PersonalizationRequested } from '@bitaqa/contracts';
import type { EventContext } from '@bitaqa/messaging';
import type { Logger } from '@bitaqa/observability';

import type { Tx } from '../infrastructure/prisma.service';
import type { ReaderGatewayConfig } from '../config';
import { GATEWAY_CONFIG, LOGGER } from '../infrastructure/tokens';

import { JobRepository } from './job.repository';
import { toPersonalizationData } from './personalization-request';

/** Consumes the card authority's personalization requests into the job queue. */
@Controller()
export class PersonalizationRequestsController {
  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: ReaderGatewayConfig,
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
    if (!this.servesSite(request.siteId)) {
      this.logger.debug(
        { eventId: context.event.id, jobId: request.jobId, siteId: request.siteId ?? null },
        'personalization request for another site skipped',
      );

      return;
    }

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

  /**
   * Returns whether this gateway writes cards of the site. A gateway for some sites skips requests
   * without a site, because a gateway serving every site takes those.
   */
  private servesSite(siteId: string | undefined): boolean {
    const { sites } = this.config;

    return sites === null || (siteId !== undefined && sites.includes(siteId));
  }
}
