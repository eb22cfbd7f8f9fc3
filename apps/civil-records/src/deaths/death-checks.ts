import { RuleViolationError } from '@bitaqa/http';

import { requireDeathAfterEvents, type LifeFacts } from '../registry/life-events';
import { requireNotInFuture, requirePerson } from '../registry/rules';
import type { PersonRecord } from '../registry/types';

import type { DeathRequest, DeathResult } from './dto/death.dto';

export type DeathDecision =
  { kind: 'existing'; result: DeathResult } | { kind: 'new'; person: PersonRecord };

/** Applies the death rules to one request; throws an ApiError naming the field at fault. */
export function decideDeath(
  request: DeathRequest,
  persons: ReadonlyMap<string, PersonRecord>,
  facts: ReadonlyMap<string, LifeFacts>,
  today: string,
): DeathDecision {
  const person = requirePerson(persons, request.nationalNumber, 'nationalNumber');

  if (person.dateOfDeath === request.dateOfDeath) {
    return {
      kind: 'existing',
      result: { ...request, familyIds: [], status: 'existing' },
    };
  }
  if (person.dateOfDeath !== null) {
    throw new RuleViolationError(
      'PERSON_ALREADY_DECEASED',
      `person ${person.nationalNumber} is already registered as died on ${person.dateOfDeath}`,
      {
        field: 'nationalNumber',
        hint: `the death is registered; correct its date with POST /corrections and a court decision`,
        value: person.nationalNumber,
        ...({ dateOfDeath: person.dateOfDeath } as object),
      },
    );
  }

  requireNotInFuture(request.dateOfDeath, today, 'dateOfDeath');

  if (request.dateOfDeath < person.birthDate) {
    throw new RuleViolationError(
      'DEATH_BEFORE_BIRTH',
      `dateOfDeath ${request.dateOfDeath} is before the birth on ${person.birthDate}`,
      {
        field: 'dateOfDeath',
        hint: `send a date of death on or after ${person.birthDate}`,
        value: request.dateOfDeath,
      },
    );
  }

  const life = facts.get(person.nationalNumber);

  if (life) requireDeathAfterEvents(person, request.dateOfDeath, life, 'dateOfDeath');

  return { kind: 'new', person };
}
