import { RuleViolationError } from '@bitaqa/http';

import type { ActiveMarriage } from '../registry/marriage-store';
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

/** Active marriages of the persons in one batch, kept current as the batch is applied. */
export class MarriageRoster {
  private readonly byWife = new Map<string, ActiveMarriage>();
  private readonly wivesByHusband = new Map<string, Set<string>>();

  constructor(marriages: readonly ActiveMarriage[]) {
    for (const marriage of marriages) this.add(marriage);
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
  const current = context.roster.marriageOfWife(request.wifeNationalNumber);

  if (
    !current ||
    current.husbandNationalNumber !== request.husbandNationalNumber ||
    current.date !== request.date ||
    current.id === ''
  ) {
    return undefined;
  }

  return {
    kind: 'existing',
    result: {
      familyCreated: false,
      familyId: current.familyId,
      marriageId: current.id,
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
