import { ConflictError, RuleViolationError } from '@bitaqa/http';

import type { StoredCorrection } from '../registry/correction-store';
import { lastChangeOfFields, type JournalEntry, type RecordFields } from '../registry/journal';
import { requireDeathAfterEvents, type LifeFacts } from '../registry/life-events';
import type { StoredMarriage } from '../registry/marriage-store';
import { requireMarriageAtBirth, requireParentsAliveAtBirth } from '../registry/parentage';
import { requireMarriageAge, requireNotInFuture } from '../registry/rules';
import type { PersonRecord } from '../registry/types';

import type { CorrectableField, CorrectionRequest } from './dto/correction.dto';

/** Records the rules of one correction read, loaded and locked by the service. */
export interface CorrectionContext {
  father: PersonRecord | null;
  /** The person's own marriages, divorces and children. */
  facts: LifeFacts;
  journal: readonly JournalEntry[];
  mother: PersonRecord | null;
  /** Marriages between the person's father and mother. */
  parentsMarriages: readonly StoredMarriage[];
  person: PersonRecord;
  /** Marriages that the widows of the person made after marrying the person. */
  widowsLaterMarriages: readonly StoredMarriage[];
  today: string;
}

export interface CorrectionPlan {
  changed: CorrectableField[];
  next: PersonRecord;
  previous: RecordFields;
}

function sameOrder(stored: StoredCorrection, request: CorrectionRequest): boolean {
  const keys = (fields: object) => Object.keys(fields).sort();
  const ordered = stored.ordered as Record<string, unknown>;
  const changes = request.changes as Record<string, unknown>;

  return (
    stored.decision.date === request.decision.date &&
    JSON.stringify(keys(ordered)) === JSON.stringify(keys(changes)) &&
    keys(changes).every((key) => ordered[key] === changes[key])
  );
}

/** Fails with 409 unless a decision applied before to the person ordered the same changes. */
export function requireSameCorrection(stored: StoredCorrection, request: CorrectionRequest): void {
  if (sameOrder(stored, request)) return;

  throw new ConflictError(
    'DECISION_ALREADY_APPLIED',
    `decision ${request.decision.number} of ${request.decision.court} was applied to ${request.nationalNumber} as correction ${stored.correctionId} with other changes`,
    {
      field: 'decision.number',
      hint: `a decision corrects a person once; see GET /corrections/${stored.correctionId}`,
      value: request.decision.number,
    },
  );
}

function changedFields(person: PersonRecord, request: CorrectionRequest): CorrectableField[] {
  const changes = request.changes as Record<CorrectableField, string | undefined>;

  return (Object.keys(changes) as CorrectableField[])
    .filter((field) => changes[field] !== person[field])
    .sort();
}

function requireSomethingToCorrect(
  changed: readonly CorrectableField[],
  request: CorrectionRequest,
): void {
  if (changed.length > 0) return;

  throw new RuleViolationError('NOTHING_TO_CORRECT', 'every field already has the ordered value', {
    field: 'changes',
    hint: 'send only the fields whose values the decision changes; GET /persons/:nationalNumber shows the record',
    value: request.changes,
  });
}

function requireDeathToCorrect(person: PersonRecord, request: CorrectionRequest): void {
  if (request.changes.dateOfDeath === undefined || person.dateOfDeath !== null) return;

  throw new RuleViolationError(
    'PERSON_NOT_DECEASED',
    `person ${person.nationalNumber} is not registered as deceased`,
    {
      field: 'changes.dateOfDeath',
      hint: 'register a death with POST /deaths; a correction only changes a registered date of death',
      value: request.changes.dateOfDeath,
    },
  );
}

/** Fails when the decision predates a fact it rules on: the birth, or the death it corrects. */
function requireDecisionAfterFacts(
  person: PersonRecord,
  next: PersonRecord,
  changed: readonly CorrectableField[],
  date: string,
): void {
  const facts = [person.birthDate, next.birthDate];

  if (changed.includes('dateOfDeath'))
    facts.push(person.dateOfDeath as string, next.dateOfDeath as string);

  const latest = facts.sort().at(-1) as string;

  if (date >= latest) return;

  throw new RuleViolationError(
    'DECISION_BEFORE_FACT',
    `decision.date ${date} is before ${latest}, a date the decision rules on`,
    {
      field: 'decision.date',
      hint: 'check the decision date; a court rules on a birth or death after it happened',
      value: date,
    },
  );
}

/**
 * Fails when a change of one of the fields took effect after the decision date: replaying the
 * journal by effective date would then undo the correction.
 */
function requireNoLaterChange(
  journal: readonly JournalEntry[],
  changed: readonly CorrectableField[],
  date: string,
): void {
  const latest = lastChangeOfFields(journal);
  const field = changed.find((name) => (latest.get(name) ?? '') > date);

  if (field === undefined) return;

  throw new RuleViolationError(
    'LATER_CHANGE_RECORDED',
    `${field} changed with effect from ${latest.get(field)}, after the decision of ${date}`,
    {
      field: `changes.${field}`,
      hint: 'a correction takes effect on its decision date and cannot precede a later change of the same field',
      value: date,
    },
  );
}

/** Applies every rule to one correction and returns the record it produces. */
export function planCorrection(
  request: CorrectionRequest,
  context: CorrectionContext,
): CorrectionPlan {
  const { person } = context;

  requireNotInFuture(request.decision.date, context.today, 'decision.date');
  requireDeathToCorrect(person, request);

  const changed = changedFields(person, request);

  requireSomethingToCorrect(changed, request);

  const next: PersonRecord = { ...person, ...request.changes };
  const previous = Object.fromEntries(changed.map((field) => [field, person[field]]));

  for (const field of ['birthDate', 'dateOfDeath'] as const) {
    if (changed.includes(field)) {
      requireNotInFuture(next[field] as string, context.today, `changes.${field}`);
    }
  }
  requireDecisionAfterFacts(person, next, changed, request.decision.date);
  if (changed.includes('birthDate')) requireValidBirthDate(next, context);
  if (changed.includes('dateOfDeath')) requireValidDateOfDeath(next, context);
  requireNoLaterChange(context.journal, changed, request.decision.date);

  return { changed, next, previous };
}

const BIRTH_FIELDS = {
  birthDate: 'changes.birthDate',
  father: 'fatherNationalNumber',
  mother: 'motherNationalNumber',
};

/** Checks a corrected birth date like a registration, against everything the register contains. */
function requireValidBirthDate(next: PersonRecord, context: CorrectionContext): void {
  const field = 'changes.birthDate';

  if (next.dateOfDeath !== null && next.dateOfDeath < next.birthDate) {
    throw new RuleViolationError(
      'DEATH_BEFORE_BIRTH',
      `${field} ${next.birthDate} is after the death on ${next.dateOfDeath}`,
      { field, hint: 'a person is born on or before their date of death', value: next.birthDate },
    );
  }
  for (const parent of [context.father, context.mother]) {
    if (parent !== null && parent.birthDate >= next.birthDate) {
      throw new RuleViolationError(
        'BIRTH_BEFORE_PARENT',
        `${field} ${next.birthDate} is not after the parent ${parent.nationalNumber}'s birth on ${parent.birthDate}`,
        {
          field,
          hint: `send a birth date after ${parent.birthDate}, or correct the parent's record first`,
          value: next.birthDate,
        },
      );
    }
  }

  const elder = context.facts.children.find((child) => child.birthDate <= next.birthDate);

  if (elder) {
    throw new RuleViolationError(
      'BIRTH_AFTER_CHILD',
      `${field} ${next.birthDate} is not before the birth of child ${elder.nationalNumber} on ${elder.birthDate}`,
      {
        field,
        hint: `send a birth date before ${elder.birthDate}, or correct the child's record first`,
        value: next.birthDate,
      },
    );
  }
  for (const marriage of context.facts.marriages) {
    requireMarriageAge(next, marriage.date, field, marriage.courtDecision !== null);
  }
  requireParentsAliveAtBirth(context.father, context.mother, next.birthDate, BIRTH_FIELDS);
  if (context.journal[0]?.kind === 'birth' && context.parentsMarriages.length > 0) {
    requireMarriageAtBirth(
      context.parentsMarriages,
      next.birthDate,
      { father: next.fatherNationalNumber as string, mother: next.motherNationalNumber as string },
      BIRTH_FIELDS,
    );
  }
}

/**
 * Checks a corrected date of death against the person's life and against the spouses their
 * death widowed: a widow who remarried must not have married while the person still lived.
 */
function requireValidDateOfDeath(next: PersonRecord, context: CorrectionContext): void {
  const field = 'changes.dateOfDeath';
  const dateOfDeath = next.dateOfDeath as string;

  if (dateOfDeath < next.birthDate) {
    throw new RuleViolationError(
      'DEATH_BEFORE_BIRTH',
      `${field} ${dateOfDeath} is before the birth on ${next.birthDate}`,
      { field, hint: `send a date of death on or after ${next.birthDate}`, value: dateOfDeath },
    );
  }
  requireDeathAfterEvents(next, dateOfDeath, context.facts, field);

  const remarriage = context.widowsLaterMarriages.find((marriage) => marriage.date < dateOfDeath);

  if (remarriage) {
    throw new RuleViolationError(
      'SPOUSE_REMARRIED_BEFORE_DEATH',
      `${field} ${dateOfDeath} is after the widow ${remarriage.wifeNationalNumber} remarried on ${remarriage.date}`,
      {
        field,
        hint: `a widow remarries after her husband's death; send a date on or before ${remarriage.date}`,
        value: dateOfDeath,
      },
    );
  }
}
