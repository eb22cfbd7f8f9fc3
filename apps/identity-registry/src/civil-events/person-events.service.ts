import { Inject, Injectable } from '@nestjs/common';

import type { EventData, PersonDied, PersonRegistered } from '@bitaqa/contracts';
import { RejectedEventError } from '@bitaqa/messaging';
import type { Logger } from '@bitaqa/observability';

import { LOGGER } from '../core.module';
import { lockPersons } from '../database/person-locks';
import { DuplicateDetection } from '../duplicates/duplicate-detection.service';
import type { UnitOfWork } from '../database/unit-of-work';
import { FamilyPlacements } from '../families/family-placements.service';
import { civilRecordFrom, type Identity } from '../identities/identity';
import { IdentityChanges } from '../identities/identity-changes.service';
import { latinNamesOf } from '../identities/identity-names';
import { IdentityRepository } from '../identities/identity.repository';

/** Applies PersonRegistered and PersonDied to the identities. */
@Injectable()
export class PersonEvents {
  constructor(
    private readonly changes: IdentityChanges,
    private readonly duplicates: DuplicateDetection,
    private readonly identities: IdentityRepository,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly placements: FamilyPlacements,
  ) {}

  /**
   * Creates the identity, placed in any family whose snapshot already lists the person. A
   * second registration of the same person with different facts updates the identity and
   * keeps its status; one with the same facts changes nothing. A created or changed identity
   * is then screened for duplicates of persons registered before.
   */
  async register(
    unit: UnitOfWork,
    data: EventData<typeof PersonRegistered.type>,
    eventId: string,
  ): Promise<void> {
    const record = civilRecordFrom(data);
    const latinNames = latinNamesOf(record);

    await lockPersons(unit, [record.nationalNumber]);

    const current = await this.identities.find(unit.db, record.nationalNumber);
    const placement = await this.placements.placementOf(unit, record.nationalNumber);
    const outcome = await this.changes.apply(unit, current, {
      ...record,
      ...latinNames,
      dateOfDeath: current?.dateOfDeath ?? null,
      familyId: placement?.familyId ?? null,
      familyRole: placement?.familyRole ?? null,
      mergedInto: current?.mergedInto ?? null,
      status: current?.status ?? 'active',
    });

    if (outcome === 'unchanged') {
      this.logger.info({ nationalNumber: record.nationalNumber }, 'person already registered');

      return;
    }

    const registered = await this.identities.find(unit.db, record.nationalNumber);

    if (registered !== undefined) await this.duplicates.screen(unit, registered, eventId);
  }

  /**
   * Marks the identity deceased.
   *
   * @throws RejectedEventError PERSON_NOT_REGISTERED for a person the registry does not hold,
   * because the registry never invents a person; DEATH_BEFORE_BIRTH for an impossible date.
   */
  async recordDeath(unit: UnitOfWork, data: EventData<typeof PersonDied.type>): Promise<void> {
    await lockPersons(unit, [data.nationalNumber]);

    const current = await this.identities.find(unit.db, data.nationalNumber);

    if (current === undefined) {
      throw new RejectedEventError(
        'PERSON_NOT_REGISTERED',
        `death of ${data.nationalNumber} names a person with no PersonRegistered event`,
      );
    }

    if (data.dateOfDeath < current.birthDate) {
      throw new RejectedEventError(
        'DEATH_BEFORE_BIRTH',
        `death of ${data.nationalNumber} on ${data.dateOfDeath} is before birth on ${current.birthDate}`,
      );
    }

    if (current.status === 'merged' && current.mergedInto !== null) {
      await this.recordMergedDeath(unit, current, current.mergedInto, data.dateOfDeath);

      return;
    }

    await this.changes.apply(unit, current, {
      ...current,
      dateOfDeath: data.dateOfDeath,
      status: 'deceased',
    });
  }

  /**
   * Records a death reported under a merged number. The merged identity keeps the date and its
   * merged status, and the survivor, being the same person, becomes deceased unless it already
   * is. The survivor is locked after the merged identity, so a merge that repoints this identity
   * at that moment can deadlock. PostgreSQL then aborts one side, and the consumer retries it.
   */
  private async recordMergedDeath(
    unit: UnitOfWork,
    merged: Identity,
    survivorNumber: string,
    dateOfDeath: string,
  ): Promise<void> {
    await this.changes.apply(unit, merged, { ...merged, dateOfDeath });
    await lockPersons(unit, [survivorNumber]);

    const survivor = await this.identities.find(unit.db, survivorNumber);

    if (survivor === undefined || survivor.status !== 'active') return;

    this.logger.info(
      { mergedNationalNumber: merged.nationalNumber, nationalNumber: survivorNumber },
      'death of a merged identity recorded on its survivor',
    );
    await this.changes.apply(unit, survivor, { ...survivor, dateOfDeath, status: 'deceased' });
  }
}
