import { randomUUID } from 'node:crypto';

import { makeNationalNumber } from '../national-number';
import { findEventDefinition } from '../registry';

import { IdentityDuplicateResolved, IdentityUpdated } from './identity';

const first = makeNationalNumber(1, 21);
const second = makeNationalNumber(1, 22);

const merge = {
  caseId: randomUUID(),
  decidedAt: '2026-12-05T10:00:00.000Z',
  decision: 'merge' as const,
  mergedNationalNumber: second,
  nationalNumbers: [first, second] as [string, string],
  operatorId: 'operator-7',
  reason: 'same person registered twice',
  survivorNationalNumber: first,
};

const identity = {
  birthDate: '1980-04-12',
  familyId: null,
  familyNameAr: 'الحلبي',
  familyNameLatin: 'ALHALABI',
  familyRole: null,
  fatherNameAr: 'خالد',
  givenNameAr: 'محمد',
  givenNameLatin: 'MOHAMMAD',
  governorate: 'SY01',
  motherNameAr: 'فاطمة',
  nationalNumber: second,
  sex: 'M' as const,
  status: 'active' as const,
  version: 1,
};

describe('IdentityDuplicateResolved', () => {
  it('accepts a merge', () => {
    expect(IdentityDuplicateResolved.schema.safeParse(merge).success).toBe(true);
  });

  it('is keyed by the merged identity', () => {
    expect(IdentityDuplicateResolved.key(merge)).toBe(second);
  });

  it('is keyed by the first number on keep-apart', () => {
    const keepApart = {
      ...merge,
      decision: 'keep-apart' as const,
      mergedNationalNumber: null,
      survivorNationalNumber: null,
    };

    expect(IdentityDuplicateResolved.schema.safeParse(keepApart).success).toBe(true);
    expect(IdentityDuplicateResolved.key(keepApart)).toBe(first);
  });

  it('rejects a merge without survivor', () => {
    const parsed = IdentityDuplicateResolved.schema.safeParse({
      ...merge,
      survivorNationalNumber: null,
    });

    expect(parsed.success).toBe(false);
  });

  it('rejects a keep-apart with survivor', () => {
    const parsed = IdentityDuplicateResolved.schema.safeParse({
      ...merge,
      decision: 'keep-apart',
    });

    expect(parsed.success).toBe(false);
  });

  it('is registered', () => {
    expect(findEventDefinition('sy.gov.identity.duplicate-resolved.v1')).toBe(
      IdentityDuplicateResolved,
    );
  });
});

describe('IdentityUpdated mergedInto', () => {
  it('accepts an identity without it', () => {
    expect(IdentityUpdated.schema.safeParse(identity).success).toBe(true);
  });

  it('accepts a merged identity with it', () => {
    const merged = { ...identity, mergedInto: first, status: 'merged' };

    expect(IdentityUpdated.schema.safeParse(merged).success).toBe(true);
  });

  it('rejects merged without survivor', () => {
    const parsed = IdentityUpdated.schema.safeParse({ ...identity, status: 'merged' });

    expect(parsed.success).toBe(false);
  });

  it('rejects a survivor on an active identity', () => {
    const parsed = IdentityUpdated.schema.safeParse({ ...identity, mergedInto: first });

    expect(parsed.success).toBe(false);
  });
});
