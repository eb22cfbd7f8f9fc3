import { RuleViolationError } from '@bitaqa/http';

import type { ActiveMarriage, StoredMarriage } from '../registry/marriage-store';
import {
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
  private readonly stored = new Map<string, StoredMarriage>();
  private readonly wivesByHusband = new Map<string, Set<string>>();

  constructor(marriages: readonly StoredMarriage[]) {
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

function requireFreeToMarry(
  husband: PersonRecord,
  wife: PersonRecord,
  context: MarriageContext,
): void {
  if (context.roster.activeWives(husband.nationalNumber) >= MAX_ACTIVE_WIVES) {
    throw new RuleViolationError(
      'TOO_MANY_WIVES',
      `person ${husband.nationalNumber} already has ${MAX_ACTIVE_WIVES} wives in active marriages`,
      { field: 'husbandNationalNumber', value: husband.nationalNumber },
    );
  }

  const current = context.roster.marriageOfWife(wife.nationalNumber);

  if (current) {
    throw new RuleViolationError(
      'WIFE_ALREADY_MARRIED',
      `person ${wife.nationalNumber} is in an active marriage with ${current.husbandNationalNumber}`,
      { field: 'wifeNationalNumber', value: wife.nationalNumber },
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
  requireMarriageAge(husband, request.date, 'husbandNationalNumber');
  requireMarriageAge(wife, request.date, 'wifeNationalNumber');
  requireFreeToMarry(husband, wife, context);
  requireNotCloseRelatives(husband, wife);

  return { husband, kind: 'new', wife };
}
