import { Inject, Injectable } from '@nestjs/common';

import type { EventData, PersonCorrected } from '@bitaqa/contracts';
import { RejectedEventError } from '@bitaqa/messaging';
import type { Logger } from '@bitaqa/observability';

import { LOGGER } from '../core.module';
import { lockPersons } from '../database/person-locks';
import type { UnitOfWork } from '../database/unit-of-work';
import type { CivilRecord } from '../identities/identity';
import { IdentityChanges } from '../identities/identity-changes.service';
import { latinNamesOf } from '../identities/identity-names';
import { IdentityRepository } from '../identities/identity.repository';

type CorrectedData = EventData<typeof PersonCorrected.type>;

function correctedRecord(data: CorrectedData): CivilRecord {
  return {
    birthDate: data.birthDate,
    birthPlace: data.birthPlace,
    familyNameAr: data.familyNameAr,
    fatherNameAr: data.fatherNameAr,
    fatherNationalNumber: data.fatherNationalNumber,
    givenNameAr: data.givenNameAr,
    grandfatherNameAr: data.grandfatherNameAr,
    governorate: data.registrationGovernorate,
    motherNameAr: data.motherNameAr,
    motherNationalNumber: data.motherNationalNumber,
    nationalNumber: data.nationalNumber,
    sex: data.sex,
  };
}

/** Applies PersonCorrected, a court-ordered correction of a civil record, to the identity. */
@Injectable()
export class PersonCorrections {
  constructor(
    private readonly changes: IdentityChanges,
    private readonly identities: IdentityRepository,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /**
   * Replaces the identity's civil facts with the corrected record: names (their normalized
   * forms follow on write) and Latin forms, birth data and the date of death. Family and status
   * stay, except that a corrected date of death makes an identity that is not merged deceased.
   * The identity's version grows by one, IdentityUpdated is published and the cached copy
   * dropped.
   *
   * @throws RejectedEventError PERSON_NOT_REGISTERED for a person the registry does not hold,
   * NAME_NOT_TRANSLITERABLE for a corrected name with no Latin form.
   */
  async apply(unit: UnitOfWork, data: CorrectedData): Promise<void> {
    await lockPersons(unit, [data.nationalNumber]);

    const current = await this.identities.find(unit.db, data.nationalNumber);

    if (current === undefined) {
      throw new RejectedEventError(
        'PERSON_NOT_REGISTERED',
        `correction ${data.correctionId} of ${data.nationalNumber} names a person with no PersonRegistered event`,
      );
    }

    const record = correctedRecord(data);
    const dateOfDeath = data.dateOfDeath ?? current.dateOfDeath;
    const outcome = await this.changes.apply(unit, current, {
      ...current,
      ...record,
      ...latinNamesOf(record),
      dateOfDeath,
      // A merged identity stays merged, keeping the date, so its pointer to the survivor holds.
      status: dateOfDeath === null || current.status === 'merged' ? current.status : 'deceased',
    });

    this.logger.info(
      {
        changedFields: data.changedFields,
        correctionId: data.correctionId,
        nationalNumber: data.nationalNumber,
        outcome,
      },
      'civil correction applied',
    );
  }
}
