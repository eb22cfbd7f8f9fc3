import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';

import { CardStatusChanged, FamilyUpdated, PersonDied, type EventData } from '@bitaqa/contracts';
import type { EventContext } from '@bitaqa/messaging';

import type { Tx } from '../infrastructure/prisma.service';

import { BeneficiariesService } from './beneficiaries.service';

/** Consumes civil.families, civil.persons and authority.card-status. */
@Controller()
export class BeneficiaryEventsController {
  constructor(private readonly beneficiaries: BeneficiariesService) {}

  @EventPattern(FamilyUpdated.type)
  async onFamilyUpdated(
    @Payload() data: EventData<typeof FamilyUpdated.type>,
    @Ctx() context: EventContext<Tx>,
  ): Promise<void> {
    await this.beneficiaries.applyFamilySnapshot(context.tx, data);
  }

  @EventPattern(PersonDied.type)
  async onPersonDied(
    @Payload() data: EventData<typeof PersonDied.type>,
    @Ctx() context: EventContext<Tx>,
  ): Promise<void> {
    await this.beneficiaries.recordDeath(context.tx, data.nationalNumber, data.dateOfDeath);
  }

  @EventPattern(CardStatusChanged.type)
  async onCardStatusChanged(
    @Payload() data: EventData<typeof CardStatusChanged.type>,
    @Ctx() context: EventContext<Tx>,
  ): Promise<void> {
    await this.beneficiaries.applyCardStatus(context.tx, data);
  }
}
