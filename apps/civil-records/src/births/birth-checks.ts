import { ConflictError } from '@bitaqa/http';

import type { StoredMarriage } from '../registry/marriage-store';
import { requireMarriageAtBirth, requireParentsAliveAtBirth } from '../registry/parentage';
import { requireNotInFuture, requirePerson, requireSex } from '../registry/rules';
import type { PersonRecord } from '../registry/types';

import type { BirthRequest, BirthResult } from './dto/birth.dto';

/** Inputs of the checks of one batch: loaded rows plus the births accepted so far. */
export interface BirthContext {
  /** Children already registered or accepted earlier in the batch, by mother. */
  childrenByMother: Map<string, PersonRecord[]>;
  /** Persons already imported or registered under an external reference. */
  existingByRef: ReadonlyMap<string, PersonRecord>;
  /** Marriages of every status keyed `husband:wife`; a couple may have remarried. */
  marriages: ReadonlyMap<string, StoredMarriage[]>;
  parents: ReadonlyMap<string, PersonRecord>;
  /** External references taken by births accepted earlier in the batch. */
  seenRefs: Set<string>;
  today: string;
}

export type BirthDecision =
  | { kind: 'existing'; result: BirthResult }
  | { father: PersonRecord; kind: 'new'; marriage: StoredMarriage; mother: PersonRecord };

export function marriageKey(husband: string, wife: string): string {
  return `${husband}:${wife}`;
}

function sameBirth(child: PersonRecord, request: BirthRequest): boolean {
  return (
    child.birthDate === request.birthDate &&
    child.givenNameAr === request.givenNameAr &&
    child.fatherNationalNumber === request.fatherNationalNumber &&
    child.motherNationalNumber === request.motherNationalNumber &&
    child.sex === request.sex
  );
}

function replayedBirth(request: BirthRequest, context: BirthContext): BirthDecision | undefined {
  if (request.externalRef === undefined) return undefined;

  if (context.seenRefs.has(request.externalRef)) {
    throw new ConflictError('DUPLICATE_EXTERNAL_REF', 'externalRef appears twice in the batch', {
      field: 'externalRef',
      hint: 'give each birth of the batch its own externalRef',
      value: request.externalRef,
    });
  }

  const existing = context.existingByRef.get(request.externalRef);

  if (!existing) return undefined;
  if (!sameBirth(existing, request)) {
    throw new ConflictError(
      'EXTERNAL_REF_CONFLICT',
      `externalRef ${request.externalRef} is registered as ${existing.nationalNumber} with other facts`,
      {
        field: 'externalRef',
        hint: 'repeat the stored birth exactly, or send a new externalRef for another child',
        value: request.externalRef,
      },
    );
  }

  const marriage = context.marriages.get(
    marriageKey(request.fatherNationalNumber, request.motherNationalNumber),
  )?.[0];
  const result: BirthResult = {
    externalRef: request.externalRef,
    familyId: marriage?.familyId ?? null,
    nationalNumber: existing.nationalNumber,
    status: 'existing',
  };

  return { kind: 'existing', result };
}

const BIRTH_FIELDS = {
  birthDate: 'birthDate',
  father: 'fatherNationalNumber',
  mother: 'motherNationalNumber',
};

function requireMarriedParents(request: BirthRequest, context: BirthContext): StoredMarriage {
  const couple = context.marriages.get(
    marriageKey(request.fatherNationalNumber, request.motherNationalNumber),
  );

  return requireMarriageAtBirth(
    couple ?? [],
    request.birthDate,
    { father: request.fatherNationalNumber, mother: request.motherNationalNumber },
    BIRTH_FIELDS,
  );
}

function requireNotDuplicate(request: BirthRequest, context: BirthContext): void {
  const siblings = context.childrenByMother.get(request.motherNationalNumber) ?? [];
  const twin = siblings.find(
    (child) => child.birthDate === request.birthDate && child.givenNameAr === request.givenNameAr,
  );

  if (!twin) return;

  throw new ConflictError(
    'DUPLICATE_BIRTH',
    `mother ${request.motherNationalNumber} already has a child named ${request.givenNameAr} born ${request.birthDate}`,
    {
      field: 'givenNameAr',
      hint: 'send an externalRef to make a retried registration safe',
      value: request.givenNameAr,
      ...({ nationalNumber: twin.nationalNumber || undefined } as object),
    },
  );
}

/** Applies every birth rule to one request; throws an ApiError naming the field at fault. */
export function decideBirth(request: BirthRequest, context: BirthContext): BirthDecision {
  const replay = replayedBirth(request, context);

  if (replay) return replay;

  requireNotInFuture(request.birthDate, context.today, 'birthDate');

  const father = requirePerson(
    context.parents,
    request.fatherNationalNumber,
    'fatherNationalNumber',
  );
  const mother = requirePerson(
    context.parents,
    request.motherNationalNumber,
    'motherNationalNumber',
  );

  requireSex(father, 'M', 'fatherNationalNumber');
  requireSex(mother, 'F', 'motherNationalNumber');
  requireParentsAliveAtBirth(father, mother, request.birthDate, BIRTH_FIELDS);

  const marriage = requireMarriedParents(request, context);

  requireNotDuplicate(request, context);

  return { father, kind: 'new', marriage, mother };
}
