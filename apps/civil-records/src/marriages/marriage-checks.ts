import { RuleViolationError } from '@bitaqa/http';

import { ageOn } from '../registry/dates';
import type { ActiveMarriage, StoredMarriage } from '../registry/marriage-store';
import {
  MARRIAGE_MIN_AGE,
  MAX_ACTIVE_WIVES,
  requireAlive,
  requireMarriageAge,
  requireNotCloseRelatives,
  requireNotInFuture,
  requirePerson,
  requireSex,
} from '../registry/rules';
import type { PersonRecord } from '../registry/types';

import type { MarriageRequest, MarriageResult } from './dto/marriage.dto';

function replayKey(husband: string, wife: string, date: string): string {
  return `${husband}:${wife}:${date}`;
}

/**
 * Marriages of the persons in one batch, kept current as the batch is applied: active ones for
 * the rules, and stored ones of any status to recognize a marriage sent again.
 */
export class MarriageRoster {
  private readonly byWife = new Map<string, ActiveMarriage>();
  private readonly pendingDivorces: ReadonlySet<string>;
  private readonly stored = new Map<string, StoredMarriage>();
  private readonly wivesByHusband = new Map<string, Set<string>>();

  /** `pendingDivorces` lists the marriage ids with a divorce pending. */
  constructor(marriages: readonly StoredMarriage[], pendingDivorces: readonly string[] = []) {
    this.pendingDivorces = new Set(pendingDivorces);
    for (const marriage of marriages) {
      const { date, husbandNationalNumber, wifeNationalNumber } = marriage;

      this.stored.set(replayKey(husbandNationalNumber, wifeNationalNumber, date), marriage);
      if (marriage.status === 'active') this.add(marriage);
    }
  }

  add(marriage: ActiveMarriage): void {
    const wives = this.wivesByHusband.get(marriage.husbandNationalNumber) ?? new Set<string>();

    wives.add(marriage.wifeNationalNumber);
    this.wivesByHusband.set(marriage.husbandNationalNumber, wives);
    this.byWife.set(marriage.wifeNationalNumber, marriage);
  }

  activeWives(husband: string): number {
    return this.wivesByHusband.get(husband)?.size ?? 0;
  }

  marriageOfWife(wife: string): ActiveMarriage | undefined {
    return this.byWife.get(wife);
  }

  /** Reports whether this couple's active marriage has a divorce pending. */
  divorcePending(husband: string, wife: string): boolean {
    const marriage = this.byWife.get(wife);

    return (
      marriage !== undefined &&
      marriage.husbandNationalNumber === husband &&
      this.pendingDivorces.has(marriage.id)
    );
  }

  /** Finds the stored marriage of exactly this couple on this date, registered before the batch. */
  storedMarriage(husband: string, wife: string, date: string): StoredMarriage | undefined {
    return this.stored.get(replayKey(husband, wife, date));
  }
}

export interface MarriageContext {
  persons: ReadonlyMap<string, PersonRecord>;
  roster: MarriageRoster;
  today: string;
}

export type MarriageDecision =
  | { kind: 'existing'; result: MarriageResult }
  | { husband: PersonRecord; kind: 'new'; wife: PersonRecord };

function replayedMarriage(
  request: MarriageRequest,
  context: MarriageContext,
): MarriageDecision | undefined {
  const stored = context.roster.storedMarriage(
    request.husbandNationalNumber,
    request.wifeNationalNumber,
    request.date,
  );

  if (!stored) return undefined;

  return {
    kind: 'existing',
    result: {
      familyCreated: false,
      familyId: stored.familyId,
      marriageId: stored.id,
      status: 'existing',
    },
  };
}

/** Fails while the couple's divorce is pending: it must be made final or withdrawn first. */
function requireNoPendingDivorce(
  husband: PersonRecord,
  wife: PersonRecord,
  context: MarriageContext,
): void {
  if (!context.roster.divorcePending(husband.nationalNumber, wife.nationalNumber)) return;

  throw new RuleViolationError(
    'DIVORCE_PENDING',
    `persons ${husband.nationalNumber} and ${wife.nationalNumber} have a divorce pending`,
    {
      field: 'wifeNationalNumber',
      hint: 'a couple cannot marry again while their divorce is pending: withdraw it to stay married, or make it final first',
      value: wife.nationalNumber,
    },
  );
}

/**
 * Checks both spouses' ages and the court decision: a decision is required for a spouse aged
 * 15 to 17, must predate the marriage, and is refused when both spouses are 18 or older.
 */
function requireAgesAndDecision(
  request: MarriageRequest,
  husband: PersonRecord,
  wife: PersonRecord,
): void {
  const decision = request.courtDecision;

  requireMarriageAge(husband, request.date, 'husbandNationalNumber', decision !== undefined);
  requireMarriageAge(wife, request.date, 'wifeNationalNumber', decision !== undefined);
  if (decision === undefined) return;

  const minor = [husband, wife].some(
    (spouse) => ageOn(spouse.birthDate, request.date) < MARRIAGE_MIN_AGE,
  );

  if (!minor) {
    throw new RuleViolationError(
      'COURT_DECISION_NOT_NEEDED',
      `both spouses are ${MARRIAGE_MIN_AGE} or older on ${request.date}`,
      {
        field: 'courtDecision',
        hint: `send courtDecision only for a spouse under ${MARRIAGE_MIN_AGE}`,
        value: decision,
      },
    );
  }
  if (decision.date > request.date) {
    throw new RuleViolationError(
      'DECISION_AFTER_MARRIAGE',
      `courtDecision.date ${decision.date} is after the marriage on ${request.date}`,
      {
        field: 'courtDecision.date',
        hint: 'the court must allow the marriage before it takes place',
        value: decision.date,
      },
    );
  }
}

function requireFreeToMarry(
  husband: PersonRecord,
  wife: PersonRecord,
  context: MarriageContext,
): void {
  if (context.roster.activeWives(husband.nationalNumber) >= MAX_ACTIVE_WIVES) {
    throw new RuleViolationError(
      'TOO_MANY_WIVES',
      `person ${husband.nationalNumber} already has ${MAX_ACTIVE_WIVES} wives in active marriages`,
      {
        field: 'husbandNationalNumber',
        hint: 'a husband may have at most four wives at once; a marriage must end by divorce or death first',
        value: husband.nationalNumber,
      },
    );
  }

  const current = context.roster.marriageOfWife(wife.nationalNumber);

  if (current) {
    throw new RuleViolationError(
      'WIFE_ALREADY_MARRIED',
      `person ${wife.nationalNumber} is in an active marriage with ${current.husbandNationalNumber}`,
      {
        field: 'wifeNationalNumber',
        hint: 'the wife must be divorced or widowed before she marries again',
        value: wife.nationalNumber,
      },
    );
  }
}

/** Applies every marriage rule to one request; throws an ApiError naming the field at fault. */
export function decideMarriage(
  request: MarriageRequest,
  context: MarriageContext,
): MarriageDecision {
  const replay = replayedMarriage(request, context);

  if (replay) return replay;

  if (request.husbandNationalNumber === request.wifeNationalNumber) {
    throw new RuleViolationError('SAME_PERSON', 'husband and wife are the same person', {
      field: 'wifeNationalNumber',
      hint: 'send the national numbers of two different persons',
      value: request.wifeNationalNumber,
    });
  }
  requireNotInFuture(request.date, context.today, 'date');

  const husband = requirePerson(
    context.persons,
    request.husbandNationalNumber,
    'husbandNationalNumber',
  );
  const wife = requirePerson(context.persons, request.wifeNationalNumber, 'wifeNationalNumber');

  requireSex(husband, 'M', 'husbandNationalNumber');
  requireSex(wife, 'F', 'wifeNationalNumber');
  requireAlive(husband, 'husbandNationalNumber');
  requireAlive(wife, 'wifeNationalNumber');
  requireAgesAndDecision(request, husband, wife);
  requireNoPendingDivorce(husband, wife, context);
  requireFreeToMarry(husband, wife, context);
  requireNotCloseRelatives(husband, wife);

  return { husband, kind: 'new', wife };
}
