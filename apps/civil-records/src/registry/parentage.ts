import { RuleViolationError } from '@bitaqa/http';

import { addDays, daysBetween } from './dates';
import type { StoredMarriage } from './marriage-store';
import type { PersonRecord } from './types';

/**
 * Maximum length of a pregnancy, in days. The Syrian Personal Status Law (art. 128) puts the
 * minimum at 180 days and the maximum at 365. The register uses the maximum to decide whether a
 * father could have conceived a child before his death or the end of the marriage, rather than
 * the 300 days that some civil codes count.
 */
export const MAX_GESTATION_DAYS = 365;

/** Fields of the request that a parentage error names. */
export interface BirthFields {
  birthDate: string;
  father: string;
  mother: string;
}

/**
 * Fails unless the father was alive at conception, that is he died no more than
 * MAX_GESTATION_DAYS before the birth, and the mother was alive on the birth date. A parent the
 * register does not know (null) is not checked.
 */
export function requireParentsAliveAtBirth(
  father: PersonRecord | null,
  mother: PersonRecord | null,
  birthDate: string,
  fields: BirthFields,
): void {
  const fatherDied = father?.dateOfDeath ?? null;

  if (fatherDied !== null && daysBetween(fatherDied, birthDate) > MAX_GESTATION_DAYS) {
    throw new RuleViolationError(
      'FATHER_DIED_BEFORE_CONCEPTION',
      `${fields.birthDate} ${birthDate} is more than ${MAX_GESTATION_DAYS} days after the father's death on ${fatherDied}`,
      {
        field: fields.birthDate,
        hint: `a child born after ${addDays(fatherDied, MAX_GESTATION_DAYS)} cannot be attributed to this father`,
        value: birthDate,
      },
    );
  }

  const motherDied = mother?.dateOfDeath ?? null;

  if (motherDied !== null && motherDied < birthDate) {
    throw new RuleViolationError(
      'MOTHER_DIED_BEFORE_BIRTH',
      `${fields.birthDate} ${birthDate} is after the mother's death on ${motherDied}`,
      {
        field: fields.birthDate,
        hint: `check the birth date; the mother must be alive on it, and she died on ${motherDied}`,
        value: birthDate,
      },
    );
  }
}

/** Reports whether a child born on `birthDate` was conceived during `marriage`. */
function coversBirth(marriage: StoredMarriage, birthDate: string): boolean {
  if (marriage.date > birthDate) return false;

  return (
    marriage.endedOn === null || daysBetween(marriage.endedOn, birthDate) <= MAX_GESTATION_DAYS
  );
}

/**
 * Returns the marriage of the child's parents during which a child born on `birthDate` was
 * conceived: begun on or before the birth, and still going or ended (by death or divorce) no more
 * than MAX_GESTATION_DAYS before it. The latest such marriage wins when the couple remarried.
 */
export function requireMarriageAtBirth(
  coupleMarriages: readonly StoredMarriage[],
  birthDate: string,
  parents: { father: string; mother: string },
  fields: BirthFields,
): StoredMarriage {
  const covering = coupleMarriages
    .filter((marriage) => coversBirth(marriage, birthDate))
    .sort((a, b) => b.date.localeCompare(a.date))[0];

  if (covering) return covering;

  if (coupleMarriages.length === 0) {
    throw new RuleViolationError(
      'PARENTS_NOT_MARRIED',
      `persons ${parents.father} and ${parents.mother} are not married to each other`,
      {
        field: fields.mother,
        hint: 'register the marriage of the parents with POST /marriages first',
        value: parents.mother,
      },
    );
  }

  const first = [...coupleMarriages].sort((a, b) =>
    a.date.localeCompare(b.date),
  )[0] as StoredMarriage;

  if (birthDate < first.date) {
    throw new RuleViolationError(
      'BIRTH_BEFORE_MARRIAGE',
      `${fields.birthDate} ${birthDate} is before the parents' marriage on ${first.date}`,
      {
        field: fields.birthDate,
        hint: `check the birth date; a child of the couple is born on or after ${first.date}`,
        value: birthDate,
      },
    );
  }

  throw new RuleViolationError(
    'BIRTH_AFTER_MARRIAGE_ENDED',
    `${fields.birthDate} ${birthDate} is more than ${MAX_GESTATION_DAYS} days after the parents' marriage ended`,
    {
      field: fields.birthDate,
      hint: 'a child conceived after the marriage ended is not attributed to the former husband',
      value: birthDate,
    },
  );
}
