import type { MarriageResult } from '../../src/marriages/dto/marriage.dto';
import type { ImportResponse } from '../../src/persons/dto/import-row.dto';

import type { CivilTestApp } from './civil-test-app';

let sequence = 0;

/** An import row of a person of the existing register; each call gets a new externalRef. */
export function personRow(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  sequence += 1;

  return {
    birthDate: '1980-03-01',
    birthPlace: 'SY020000',
    externalRef: `test-${process.pid}-${sequence}`,
    familyNameAr: 'الحلبي',
    fatherNameAr: 'أحمد',
    givenNameAr: 'محمد',
    grandfatherNameAr: 'علي',
    motherNameAr: 'فاطمة الشامي',
    registrationGovernorate: 'SY02',
    sex: 'M',
    ...overrides,
  };
}

export function manRow(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return personRow({ sex: 'M', ...overrides });
}

export function womanRow(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return personRow({
    birthDate: '1985-07-15',
    familyNameAr: 'الحمصي',
    givenNameAr: 'مريم',
    sex: 'F',
    ...overrides,
  });
}

/** Imports rows and returns their national numbers in order; fails if any row is rejected. */
export async function importPersons(
  api: CivilTestApp,
  rows: Record<string, unknown>[],
): Promise<string[]> {
  const { body, status } = await api.post<ImportResponse>('/persons/import', rows);

  if (status !== 200 || body.rejected.length > 0) {
    throw new Error(`import failed: ${status} ${JSON.stringify(body)}`);
  }

  return body.persons.map((person) => person.nationalNumber);
}

/** Imports a man and a woman and marries them; returns their numbers and the family id. */
export async function marriedCouple(
  api: CivilTestApp,
  date = '2005-06-01',
  overrides: { husband?: Record<string, unknown>; wife?: Record<string, unknown> } = {},
): Promise<{ familyId: string; husband: string; wife: string }> {
  const [husbandNumber, wifeNumber] = await importPersons(api, [
    manRow(overrides.husband),
    womanRow(overrides.wife),
  ]);
  const { body, status } = await api.post<MarriageResult>('/marriages', {
    date,
    husbandNationalNumber: husbandNumber,
    wifeNationalNumber: wifeNumber,
  });

  if (status !== 201) throw new Error(`marriage failed: ${status} ${JSON.stringify(body)}`);

  return { familyId: body.familyId, husband: husbandNumber as string, wife: wifeNumber as string };
}
