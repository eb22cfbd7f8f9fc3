import { RuleViolationError } from '@bitaqa/http';

import { addDays } from './dates';
import type { StoredDivorce } from './divorce-store';
import type { StoredMarriage } from './marriage-store';
import { MAX_GESTATION_DAYS } from './parentage';
import type { PersonRecord } from './types';

/** Events of a person's life that the register records besides their own record. */
export interface LifeFacts {
  /** Children registered to the person as father or mother. */
  children: readonly PersonRecord[];
  divorces: readonly StoredDivorce[];
  marriages: readonly StoredMarriage[];
}

interface LifeEvent {
  /** Last date on which the person must have been alive for this event. */
  aliveOn: string;
  what: string;
}

/** Groups facts loaded for many persons by the person they concern. */
export function factsByPerson(
  nationalNumbers: readonly string[],
  loaded: { children: PersonRecord[]; divorces: StoredDivorce[]; marriages: StoredMarriage[] },
): Map<string, LifeFacts> {
  return new Map(
    nationalNumbers.map((nationalNumber) => [
      nationalNumber,
      {
        children: loaded.children.filter(
          (child) =>
            child.fatherNationalNumber === nationalNumber ||
            child.motherNationalNumber === nationalNumber,
        ),
        divorces: loaded.divorces.filter((divorce) =>
          [divorce.husbandNationalNumber, divorce.wifeNationalNumber].includes(nationalNumber),
        ),
        marriages: loaded.marriages.filter((marriage) =>
          [marriage.husbandNationalNumber, marriage.wifeNationalNumber].includes(nationalNumber),
        ),
      },
    ]),
  );
}

function spouseOf(marriage: StoredMarriage, nationalNumber: string): string {
  return marriage.husbandNationalNumber === nationalNumber
    ? marriage.wifeNationalNumber
    : marriage.husbandNationalNumber;
}

/**
 * Events that need the person alive: their marriages and divorce steps, the births of their
 * children for a mother, and conception (MAX_GESTATION_DAYS before a birth) for a father.
 */
function eventsNeedingLife(person: PersonRecord, facts: LifeFacts): LifeEvent[] {
  const events: LifeEvent[] = facts.marriages.map((marriage) => ({
    aliveOn: marriage.date,
    what: `the marriage to ${spouseOf(marriage, person.nationalNumber)} on ${marriage.date}`,
  }));

  for (const divorce of facts.divorces) {
    events.push({
      aliveOn: divorce.filing.date,
      what: `the divorce filed on ${divorce.filing.date}`,
    });
    if (divorce.decision !== null) {
      events.push({
        aliveOn: divorce.decision.date,
        what: `the divorce made final on ${divorce.decision.date}`,
      });
    }
    if (divorce.withdrawnOn !== null) {
      events.push({
        aliveOn: divorce.withdrawnOn,
        what: `the divorce withdrawn on ${divorce.withdrawnOn}`,
      });
    }
  }
  for (const child of facts.children) {
    const asFather = child.fatherNationalNumber === person.nationalNumber;

    events.push({
      aliveOn: asFather ? addDays(child.birthDate, -MAX_GESTATION_DAYS) : child.birthDate,
      what: `the birth of ${child.nationalNumber} on ${child.birthDate}`,
    });
  }

  return events;
}

/** Fails when a date of death comes before an event of the person's life that the register records. */
export function requireDeathAfterEvents(
  person: PersonRecord,
  dateOfDeath: string,
  facts: LifeFacts,
  field: string,
): void {
  const conflict = eventsNeedingLife(person, facts)
    .filter((event) => event.aliveOn > dateOfDeath)
    .sort((a, b) => b.aliveOn.localeCompare(a.aliveOn))[0];

  if (conflict === undefined) return;

  throw new RuleViolationError(
    'DEATH_BEFORE_RECORDED_EVENT',
    `${field} ${dateOfDeath} is before ${conflict.what}`,
    {
      field,
      hint: 'check the date of death; a court-ordered correction can fix the earlier record',
      value: dateOfDeath,
    },
  );
}
