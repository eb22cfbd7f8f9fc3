import { ConflictError, RuleViolationError } from '@bitaqa/http';

import type { StoredDivorce } from '../registry/divorce-store';
import type { StoredMarriage } from '../registry/marriage-store';
import { requireAlive, requireNotInFuture, requirePerson, requireSex } from '../registry/rules';
import type { PersonRecord } from '../registry/types';
import type { CourtReference } from '../registry/validators';

import type { DivorceFiling } from './dto/divorce.dto';

function sameReference(a: CourtReference | null, b: CourtReference): boolean {
  return a !== null && a.court === b.court && a.number === b.number && a.date === b.date;
}

/** Fails with 409 unless a stored filing with the same court case is the same filing. */
export function requireSameFiling(stored: StoredDivorce, request: DivorceFiling): void {
  if (sameReference(stored.filing, request.filing)) return;

  throw new ConflictError(
    'DIVORCE_FILING_CONFLICT',
    `case ${request.filing.number} of ${request.filing.court} was filed on ${stored.filing.date} for this couple`,
    {
      field: 'filing.date',
      hint: 'a court case number names one filing; send the stored filing date or another case',
      value: request.filing.date,
    },
  );
}

/** Checks the spouses of a filing and returns them; both must be alive and of the right sex. */
export function requireSpouses(
  persons: ReadonlyMap<string, PersonRecord>,
  request: DivorceFiling,
): { husband: PersonRecord; wife: PersonRecord } {
  const husband = requirePerson(persons, request.husbandNationalNumber, 'husbandNationalNumber');
  const wife = requirePerson(persons, request.wifeNationalNumber, 'wifeNationalNumber');

  requireSex(husband, 'M', 'husbandNationalNumber');
  requireSex(wife, 'F', 'wifeNationalNumber');
  requireAlive(husband, 'husbandNationalNumber');
  requireAlive(wife, 'wifeNationalNumber');

  return { husband, wife };
}

/** Returns the couple's active marriage, filed for no earlier than it began. */
export function requireMarriageToDivorce(
  active: StoredMarriage | undefined,
  request: DivorceFiling,
  today: string,
): StoredMarriage {
  requireNotInFuture(request.filing.date, today, 'filing.date');

  if (active === undefined) {
    throw new RuleViolationError(
      'NOT_MARRIED',
      `persons ${request.husbandNationalNumber} and ${request.wifeNationalNumber} are not in an active marriage with each other`,
      {
        field: 'wifeNationalNumber',
        hint: 'a divorce is filed for a couple in an active marriage; GET /persons/:nationalNumber lists the marriages',
        value: request.wifeNationalNumber,
      },
    );
  }
  if (request.filing.date < active.date) {
    throw new RuleViolationError(
      'FILED_BEFORE_MARRIAGE',
      `filing.date ${request.filing.date} is before the marriage on ${active.date}`,
      {
        field: 'filing.date',
        hint: `send a filing date on or after the marriage on ${active.date}`,
        value: request.filing.date,
      },
    );
  }

  return active;
}

/** Fails with 409 when the marriage already has a divorce pending under another case. */
export function requireNoOpenCase(pending: StoredDivorce | undefined): void {
  if (pending === undefined) return;

  throw new ConflictError(
    'DIVORCE_ALREADY_PENDING',
    `divorce ${pending.divorceId} of this marriage, filed on ${pending.filing.date}, is pending`,
    {
      field: 'filing',
      hint: `make divorce ${pending.divorceId} final or withdraw it first`,
      value: pending.divorceId,
    },
  );
}

function notPending(divorce: StoredDivorce, step: string): RuleViolationError {
  return new RuleViolationError(
    'DIVORCE_NOT_PENDING',
    `divorce ${divorce.divorceId} is ${divorce.status}, so it cannot be ${step}`,
    {
      field: 'divorceId',
      hint:
        divorce.status === 'withdrawn'
          ? 'file a new divorce for the couple'
          : 'a final or lapsed divorce cannot change',
      value: divorce.divorceId,
    },
  );
}

function requireOnOrAfterFiling(
  divorce: StoredDivorce,
  date: string,
  field: string,
  code: string,
): void {
  if (date >= divorce.filing.date) return;

  throw new RuleViolationError(
    code,
    `${field} ${date} is before the filing on ${divorce.filing.date}`,
    {
      field,
      hint: `send a date on or after the filing on ${divorce.filing.date}`,
      value: date,
    },
  );
}

/** Decides a finalization: `existing` for a repeat of the same decision, `apply` otherwise. */
export function decideFinalization(
  divorce: StoredDivorce,
  decision: CourtReference,
  today: string,
): 'apply' | 'existing' {
  if (divorce.status === 'final') {
    if (sameReference(divorce.decision, decision)) return 'existing';

    throw new ConflictError(
      'DIVORCE_ALREADY_FINAL',
      `divorce ${divorce.divorceId} was made final by decision ${divorce.decision?.number} on ${divorce.decision?.date}`,
      { field: 'decision', hint: 'a divorce is made final once', value: decision },
    );
  }
  if (divorce.status !== 'pending') throw notPending(divorce, 'made final');

  requireNotInFuture(decision.date, today, 'decision.date');
  requireOnOrAfterFiling(divorce, decision.date, 'decision.date', 'DECISION_BEFORE_FILING');

  return 'apply';
}

/** Decides a withdrawal: `existing` for a repeat on the same date, `apply` otherwise. */
export function decideWithdrawal(
  divorce: StoredDivorce,
  withdrawnOn: string,
  today: string,
): 'apply' | 'existing' {
  if (divorce.status === 'withdrawn') {
    if (divorce.withdrawnOn === withdrawnOn) return 'existing';

    throw new ConflictError(
      'DIVORCE_ALREADY_WITHDRAWN',
      `divorce ${divorce.divorceId} was withdrawn on ${divorce.withdrawnOn}`,
      {
        field: 'withdrawnOn',
        hint: `a divorce is withdrawn once; repeat withdrawnOn ${divorce.withdrawnOn} or file a new case`,
        value: withdrawnOn,
      },
    );
  }
  if (divorce.status !== 'pending') throw notPending(divorce, 'withdrawn');

  requireNotInFuture(withdrawnOn, today, 'withdrawnOn');
  requireOnOrAfterFiling(divorce, withdrawnOn, 'withdrawnOn', 'WITHDRAWN_BEFORE_FILING');

  return 'apply';
}
