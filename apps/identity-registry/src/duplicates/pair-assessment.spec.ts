import type { Identity } from '../identities/identity';

import { DEFAULT_DUPLICATE_SETTINGS } from './duplicate-settings';
import { assessPair, daysBetween } from './pair-assessment';

function identity(overrides: Partial<Identity> = {}): Identity {
  return {
    birthDate: '1980-04-12',
    birthPlace: 'SY0101',
    dateOfDeath: null,
    familyId: null,
    familyNameAr: 'الحلبي',
    familyNameLatin: 'ALHALABI',
    familyRole: null,
    fatherNameAr: 'خالد',
    fatherNationalNumber: null,
    givenNameAr: 'أحمد',
    givenNameLatin: 'AHMAD',
    governorate: 'SY01',
    grandfatherNameAr: 'عبد الله',
    mergedInto: null,
    motherNameAr: 'فاطمة',
    motherNationalNumber: null,
    nationalNumber: '01000000011',
    sex: 'M',
    status: 'active',
    updatedAt: new Date('2026-12-05T00:00:00Z'),
    version: 1,
    ...overrides,
  };
}

const settings = DEFAULT_DUPLICATE_SETTINGS;

describe('assessPair', () => {
  it('flags a respelled registration', () => {
    const assessment = assessPair(
      identity(),
      identity({ birthDate: '1980-04-13', givenNameAr: 'احمد', motherNameAr: 'فاطمه' }),
      settings,
    );

    expect(assessment.flagged).toBe(true);
    expect(assessment.score).toBe(0.98);
    expect(assessment.reasons).toEqual([
      'mother: same name فاطمه',
      'birth date: 1 day apart, 1980-04-12 and 1980-04-13',
      'name given: same (1), same after normalization',
      'name father: same (1), same after normalization',
      'name grandfather: same (1), same after normalization',
      'name family: same (1), same after normalization',
      'name match: score 1 reaches 0.85',
      'flagged: pair score 0.98 reaches 0.85',
    ]);
    expect(assessment.nameParts).toHaveLength(4);
  });

  it('leaves twins alone', () => {
    const assessment = assessPair(identity(), identity({ givenNameAr: 'محمد' }), settings);

    expect(assessment.flagged).toBe(false);
    expect(assessment.reasons).toContain('name no match: given name different');
  });

  it('leaves different mothers alone', () => {
    const assessment = assessPair(
      identity({ motherNationalNumber: '01000000029' }),
      identity({ motherNationalNumber: '01000000037' }),
      settings,
    );

    expect(assessment.flagged).toBe(false);
    expect(assessment.reasons[0]).toBe(
      'mother: different national numbers 01000000029 and 01000000037',
    );
  });

  it('accepts a mother known by number only', () => {
    const assessment = assessPair(
      identity({ motherNameAr: 'فاطمة الزهراء', motherNationalNumber: '01000000029' }),
      identity({ motherNationalNumber: '01000000029' }),
      settings,
    );

    expect(assessment.flagged).toBe(true);
    expect(assessment.reasons[0]).toBe('mother: same national number 01000000029');
  });

  it('requires a shared mother', () => {
    const assessment = assessPair(identity(), identity({ motherNameAr: 'خديجة' }), settings);

    expect(assessment.flagged).toBe(false);
  });

  it('rejects births outside the window', () => {
    const assessment = assessPair(identity(), identity({ birthDate: '1980-04-15' }), settings);

    expect(assessment.flagged).toBe(false);
    expect(assessment.reasons).toContain('birth date: 3 days apart, 1980-04-12 and 1980-04-15');
  });

  it('lowers the score for a different sex', () => {
    const assessment = assessPair(identity(), identity({ sex: 'F' }), settings);

    expect(assessment.score).toBe(0.9);
    expect(assessment.flagged).toBe(true);
    expect(assessment.reasons).toContain('sex: differs, M and F');
  });

  it('stays below the threshold with several penalties', () => {
    const assessment = assessPair(
      identity(),
      identity({ birthDate: '1980-04-14', sex: 'F', familyNameAr: 'الحبلي' }),
      settings,
    );

    expect(assessment.score).toBeLessThan(settings.threshold);
    expect(assessment.flagged).toBe(false);
  });
});

describe('daysBetween', () => {
  it('counts across months and leap days', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2024-03-01', '2024-02-28')).toBe(2);
    expect(daysBetween('2023-12-31', '2023-12-31')).toBe(0);
  });
});
