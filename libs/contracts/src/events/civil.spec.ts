import { makeNationalNumber } from '../national-number';

import { FamilyUpdated, PersonCorrected, PersonDied } from './civil';

describe('civil event schemas', () => {
  const head = makeNationalNumber(1, 10);

  it('death with a bad check digit rejected', () => {
    const wrongDigit = head.slice(0, 10) + String((Number(head[10]) + 1) % 10);

    expect(
      PersonDied.schema.safeParse({ dateOfDeath: '2024-02-30', nationalNumber: head }).success,
    ).toBe(false);
    expect(
      PersonDied.schema.safeParse({ dateOfDeath: '2024-02-28', nationalNumber: wrongDigit })
        .success,
    ).toBe(false);
    expect(
      PersonDied.schema.safeParse({ dateOfDeath: '2024-02-28', nationalNumber: head }).success,
    ).toBe(true);
  });

  it('family snapshot keyed by family id', () => {
    const data = FamilyUpdated.schema.parse({
      familyId: 'FAM-SY01-000001',
      governorate: 'SY01',
      headNationalNumber: head,
      members: [
        { alive: true, birthDate: '1980-01-01', nationalNumber: head, role: 'head', sex: 'M' },
      ],
      reason: 'marriage',
      version: 1,
    });

    expect(FamilyUpdated.key(data)).toBe('FAM-SY01-000001');
  });

  it('correction names changed fields', () => {
    const correction = {
      birthDate: '1980-01-01',
      birthPlace: 'SY0101',
      changedFields: ['givenNameAr'],
      correctionId: '7',
      dateOfDeath: null,
      decision: { court: 'محكمة البداية المدنية بدمشق', date: '2024-05-02', number: '311/2024' },
      effectiveOn: '2024-05-02',
      familyNameAr: 'الحلبي',
      fatherNameAr: 'أحمد',
      fatherNationalNumber: null,
      givenNameAr: 'محمد',
      grandfatherNameAr: null,
      motherNameAr: 'فاطمة',
      motherNationalNumber: null,
      nationalNumber: head,
      registrationGovernorate: 'SY01',
      sex: 'M',
    };

    expect(PersonCorrected.schema.safeParse(correction).success).toBe(true);
    expect(PersonCorrected.key(PersonCorrected.schema.parse(correction))).toBe(head);
    expect(PersonCorrected.schema.safeParse({ ...correction, changedFields: [] }).success).toBe(
      false,
    );
    expect(
      PersonCorrected.schema.safeParse({ ...correction, changedFields: ['sex'] }).success,
    ).toBe(false);
  });
});
