import { Controller, UseFilters } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';

import { IdentityUpdated, type EventData } from '@bitaqa/contracts';
import type { EventContext } from '@bitaqa/messaging';

import type { DbTransaction } from '../database/transaction';
import { EventErrorPassthroughFilter } from '../messaging/event-error-passthrough.filter';

import { IssuanceService } from './issuance.service';

/** Consumes identity.identities. */
@Controller()
@UseFilters(EventErrorPassthroughFilter)
export class IdentityEventsController {
  constructor(private readonly issuance: IssuanceService) {}

  @EventPattern(IdentityUpdated.type)
  async identityUpdated(
    @Payload() identity: EventData<typeof IdentityUpdated.type>,
    @Ctx() context: EventContext<DbTransaction>,
  ): Promise<void> {
    await this.issuance.applyIdentity(context.tx, identity);
  }
}
