import {
  type EventData,
  type FamilyUpdated,
  makeNationalNumber,
  type PersonRegistered,
} from '@bitaqa/contracts';

type PersonData = EventData<typeof PersonRegistered.type>;
type FamilyData = EventData<typeof FamilyUpdated.type>;
type Member = FamilyData['members'][number];

let nextSerial = Math.floor(Math.random() * 1_000_000) * 10;

/** Returns a national number that no other test in this run uses. */
export function freshNationalNumber(governorate = 1): string {
  nextSerial += 1;

  return makeNationalNumber(governorate, nextSerial);
}

/** Returns a family id that no other test in this run uses. */
export function freshFamilyId(): string {
  nextSerial += 1;

  return `FAM-SY01-${String(nextSerial).padStart(8, '0')}`;
}

export function personData(overrides: Partial<PersonData> = {}): PersonData {
  return {
    birthDate: '1980-04-12',
    birthPlace: 'SY0101',
    familyNameAr: 'الحلبي',
    fatherNameAr: 'خالد',
    fatherNationalNumber: null,
    givenNameAr: 'محمّد',
    grandfatherNameAr: 'عبد الله',
    motherNameAr: 'فاطمة',
    motherNationalNumber: null,
    nationalNumber: freshNationalNumber(),
    reason: 'import',
    registrationGovernorate: 'SY01',
    sex: 'M',
    ...overrides,
  };
}

export function member(
  nationalNumber: string,
  role: Member['role'],
  overrides: Partial<Member> = {},
): Member {
  return {
    alive: true,
    birthDate: '1980-04-12',
    nationalNumber,
    role,
    sex: role === 'wife' ? 'F' : 'M',
    ...overrides,
  };
}

export function familyData(
  familyId: string,
  version: number,
  members: Member[],
  overrides: Partial<FamilyData> = {},
): FamilyData {
  const head = members.find((entry) => entry.role === 'head') ?? members[0];

  return {
    familyId,
    governorate: 'SY01',
    headNationalNumber: head?.nationalNumber ?? freshNationalNumber(),
    members,
    reason: 'marriage',
    version,
    ...overrides,
  };
}
