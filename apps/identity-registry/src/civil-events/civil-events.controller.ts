import { Controller, UseFilters } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';

import {
  FamilyUpdated,
  PersonCorrected,
  PersonDied,
  PersonRegistered,
  type EventData,
} from '@bitaqa/contracts';
import type { EventContext } from '@bitaqa/messaging';

import type { UnitOfWork } from '../database/unit-of-work';
import { FamilySnapshots } from '../families/family-snapshots.service';
import { EventErrorPassthroughFilter } from '../messaging/event-error-passthrough.filter';

import { PersonCorrections } from './person-corrections.service';
import { PersonEvents } from './person-events.service';

/** Handles civil.persons and civil.families; each event runs in the consumer's transaction. */
@Controller()
@UseFilters(EventErrorPassthroughFilter)
export class CivilEventsController {
  constructor(
    private readonly familySnapshots: FamilySnapshots,
    private readonly personCorrections: PersonCorrections,
    private readonly personEvents: PersonEvents,
  ) {}

  @EventPattern(PersonRegistered.type)
  async onPersonRegistered(
    @Payload() data: EventData<typeof PersonRegistered.type>,
    @Ctx() context: EventContext<UnitOfWork>,
  ): Promise<void> {
    await this.personEvents.register(context.tx, data, context.event.id);
  }

  @EventPattern(PersonDied.type)
  async onPersonDied(
    @Payload() data: EventData<typeof PersonDied.type>,
    @Ctx() context: EventContext<UnitOfWork>,
  ): Promise<void> {
    await this.personEvents.recordDeath(context.tx, data);
  }

  @EventPattern(PersonCorrected.type)
  async onPersonCorrected(
    @Payload() data: EventData<typeof PersonCorrected.type>,
    @Ctx() context: EventContext<UnitOfWork>,
  ): Promise<void> {
    await this.personCorrections.apply(context.tx, data);
  }

  @EventPattern(FamilyUpdated.type)
  async onFamilyUpdated(
    @Payload() data: EventData<typeof FamilyUpdated.type>,
    @Ctx() context: EventContext<UnitOfWork>,
  ): Promise<void> {
    await this.familySnapshots.apply(context.tx, data, new Date(context.event.time));
  }
}
