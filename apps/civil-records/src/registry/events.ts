import type { EventData, PersonRegistered } from '@bitaqa/contracts';

import type { PersonRecord } from './types';

type PersonRegisteredData = EventData<typeof PersonRegistered.type>;

/** PersonRegistered data for a person the register has just taken in. */
export function personRegisteredData(
  person: PersonRecord,
  reason: PersonRegisteredData['reason'],
): PersonRegisteredData {
  return {
    birthDate: person.birthDate,
    birthPlace: person.birthPlace,
    familyNameAr: person.familyNameAr,
    fatherNameAr: person.fatherNameAr,
    fatherNationalNumber: person.fatherNationalNumber,
    givenNameAr: person.givenNameAr,
    grandfatherNameAr: person.grandfatherNameAr,
    motherNameAr: person.motherNameAr,
    motherNationalNumber: person.motherNationalNumber,
    nationalNumber: person.nationalNumber,
    reason,
    registrationGovernorate: person.registrationGovernorate,
    sex: person.sex,
  };
}
