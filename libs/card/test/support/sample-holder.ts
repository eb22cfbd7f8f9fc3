import { HolderData } from '../../src/application/holder-data';

/** Builds a fictitious holder with every optional name part filled. */
export function sampleHolder(overrides: Partial<HolderData> = {}): HolderData {
  return {
    nationalNumber: '02010000018',
    arabicName: { given: 'رشا', father: 'محمد', mother: 'فاطمة', family: 'الحلبي' },
    latinName: { given: 'Rasha', father: 'Mohammed', mother: 'Fatima', family: 'Al-Halabi' },
    birthDate: '1990-01-15',
    sex: 'F',
    familyId: 'FAM-SY02-000123',
    governoratePcode: 'SY02',
    ...overrides,
  };
}
