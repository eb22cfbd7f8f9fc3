import type { Tx } from '../infrastructure/prisma.service';
import { divorcesOf } from '../registry/divorce-store';
import { journalsOf } from '../registry/journal';
import { marriagesOf, type StoredMarriage } from '../registry/marriage-store';
import { childrenOf, lockPersons } from '../registry/person-store';
import type { PersonRecord } from '../registry/types';

import type { CorrectionContext } from './correction-checks';

/** Marriages the widows of `person` made to other men after marrying `person`. */
async function widowsLaterMarriages(
  tx: Tx,
  person: PersonRecord,
  marriages: readonly StoredMarriage[],
): Promise<StoredMarriage[]> {
  const widowed = marriages.filter(
    (marriage) =>
      marriage.status === 'widowed' &&
      marriage.husbandNationalNumber === person.nationalNumber &&
      marriage.endedOn === person.dateOfDeath,
  );
  const widows = new Map(widowed.map((marriage) => [marriage.wifeNationalNumber, marriage.date]));
  const theirs = await marriagesOf(tx, [...widows.keys()]);

  return theirs.filter(
    (marriage) =>
      marriage.husbandNationalNumber !== person.nationalNumber &&
      marriage.date >= (widows.get(marriage.wifeNationalNumber) as string),
  );
}

/** Loads what the correction rules read; the parents' rows are locked for share. */
export async function loadCorrectionContext(
  tx: Tx,
  person: PersonRecord,
  today: string,
): Promise<CorrectionContext> {
  const parentNumbers = [person.fatherNationalNumber, person.motherNationalNumber].filter(
    (nationalNumber) => nationalNumber !== null,
  );
  const parents = await lockPersons(tx, parentNumbers, 'share');
  const marriages = await marriagesOf(tx, [person.nationalNumber]);
  const parentsMarriages =
    person.fatherNationalNumber === null || person.motherNationalNumber === null
      ? []
      : (await marriagesOf(tx, [person.fatherNationalNumber])).filter(
          (marriage) => marriage.wifeNationalNumber === person.motherNationalNumber,
        );

  return {
    facts: {
      children: await childrenOf(tx, [person.nationalNumber]),
      divorces: await divorcesOf(tx, [person.nationalNumber]),
      marriages,
    },
    father: parents.get(person.fatherNationalNumber ?? '') ?? null,
    journal: (await journalsOf(tx, [person.nationalNumber])).get(person.nationalNumber) ?? [],
    mother: parents.get(person.motherNationalNumber ?? '') ?? null,
    parentsMarriages,
    person,
    today,
    widowsLaterMarriages: await widowsLaterMarriages(tx, person, marriages),
  };
}
