import { findDivision } from '@bitaqa/reference-data';

import type { PersonView } from '../persons/dto/person-view.dto';
import type { PersonRecord } from '../registry/types';

import { civilStatusOf } from './civil-status';
import type { BirthPlace, NameChain, PersonFacts, PlaceName } from './extract-types';

export function nameChainOf(person: PersonRecord): NameChain {
  const parts = [
    person.givenNameAr,
    person.fatherNameAr,
    person.grandfatherNameAr,
    person.familyNameAr,
  ];

  return {
    family: person.familyNameAr,
    father: person.fatherNameAr,
    full: parts.filter((part) => part !== null && part !== '').join(' '),
    given: person.givenNameAr,
    grandfather: person.grandfatherNameAr,
  };
}

/** Names a division by p-code; falls back to the p-code itself for one the data does not list. */
export function placeNameOf(pcode: string): PlaceName {
  return { nameAr: findDivision(pcode)?.nameAr ?? pcode, pcode };
}

/** Splits a p-code of any level into its governorate, district and sub-district. */
export function birthPlaceOf(pcode: string): BirthPlace {
  const place: BirthPlace = { district: null, governorate: null, pcode, subDistrict: null };

  for (
    let division = findDivision(pcode);
    division;
    division = findDivision(division.parentPcode)
  ) {
    const name = { nameAr: division.nameAr, pcode: division.pcode };

    if (division.level === 1) place.governorate = name;
    if (division.level === 2) place.district = name;
    if (division.level === 3) place.subDistrict = name;
  }

  return place;
}

/** Finds the book a person is listed in now, preferring a head's own book if there are two. */
export function currentFamilyIdOf(person: PersonView): string | null {
  const current = person.families.filter((membership) => membership.leftOn === null);
  const own = current.find((membership) => membership.role === 'head');

  return (own ?? current.at(-1))?.familyId ?? null;
}

export function personFactsOf(person: PersonView): PersonFacts {
  return {
    birthDate: person.birthDate,
    birthPlace: birthPlaceOf(person.birthPlace),
    civilStatus: civilStatusOf(person.marriages, person.dateOfDeath),
    dateOfDeath: person.dateOfDeath,
    familyId: currentFamilyIdOf(person),
    motherName: person.motherNameAr,
    name: nameChainOf(person),
    nationalNumber: person.nationalNumber,
    registrationGovernorate: placeNameOf(person.registrationGovernorate),
    sex: person.sex,
  };
}
