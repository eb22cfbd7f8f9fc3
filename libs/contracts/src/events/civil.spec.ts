import { makeNationalNumber } from '../national-number';

import { FamilyUpdated, PersonDied } from './civil';

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
});
