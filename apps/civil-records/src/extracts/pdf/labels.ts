import type { FamilyRole, Sex } from '../../registry/types';
import type { BirthPlace, CivilStatus, SheetPerson } from '../extract-types';

import { isolateLtr } from './bidi';

/** Printed in a field that the register leaves empty. */
export const EMPTY_FIELD = '—';

export function sexLabel(sex: Sex): string {
  return sex === 'M' ? 'ذكر' : 'أنثى';
}

const CIVIL_STATUS_LABELS: Record<CivilStatus, Record<Sex, string>> = {
  divorced: { F: 'مطلقة', M: 'مطلق' },
  married: { F: 'متزوجة', M: 'متزوج' },
  single: { F: 'عزباء', M: 'أعزب' },
  widowed: { F: 'أرملة', M: 'أرمل' },
};

export function civilStatusLabel(status: CivilStatus, sex: Sex): string {
  return CIVIL_STATUS_LABELS[status][sex];
}

const MARRIAGE_STATUS_LABELS = {
  active: 'قائم',
  divorced: 'منتهٍ بالطلاق',
  widowed: 'منتهٍ بالوفاة',
} as const;

export function marriageStatusLabel(
  status: keyof typeof MARRIAGE_STATUS_LABELS,
  endedOn: string | null,
): string {
  const label = MARRIAGE_STATUS_LABELS[status];

  return endedOn === null ? label : `${label} ${isolateLtr(endedOn)}`;
}

export function roleLabel(role: FamilyRole, sex: Sex): string {
  if (role === 'head') return 'رب الأسرة';
  if (role === 'wife') return 'زوجة';

  return sex === 'M' ? 'ابن' : 'ابنة';
}

/** "حي" or "حية" for the living, "متوفى" or "متوفاة" with the date of death otherwise. */
export function lifeLabel(person: SheetPerson): string {
  if (person.dateOfDeath === null) return person.sex === 'M' ? 'حي' : 'حية';

  return `${person.sex === 'M' ? 'متوفى' : 'متوفاة'} ${isolateLtr(person.dateOfDeath)}`;
}

/** Place of birth from the smallest division to the governorate, separated by Arabic commas. */
export function birthPlaceLabel(place: BirthPlace): string {
  const names = [place.subDistrict, place.district, place.governorate]
    .filter((division) => division !== null)
    .map((division) => division.nameAr);

  return names.length > 0 ? names.join('، ') : place.pcode;
}
