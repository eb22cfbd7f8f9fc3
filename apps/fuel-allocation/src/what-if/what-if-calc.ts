import type { QuotaPolicy, VehicleClass } from '../catalogue/catalogue.types';
import { familyQuantity, vehicleClassQuota } from '../entitlements/quota-rules';

import type { ChangeCounts, GovernorateImpact, HolderGroup, UnitTerms } from './what-if.types';

/** Terms of one unit (a living-member count or a vehicle class); undefined grants nothing. */
export type TermsOf = (unitKey: string) => UnitTerms | undefined;

const DAYS_PER_YEAR = 365;

function terms(policy: QuotaPolicy, periodDays: number, periodQuantity: number): UnitTerms {
  // A seasonal policy grants its periods once a year; a rolling one every `periodDays`.
  const yearQuantity = policy.season
    ? periodQuantity * policy.season.periods
    : Math.floor((periodQuantity * DAYS_PER_YEAR) / periodDays);

  return { periodDays, periodQuantity, yearQuantity };
}

/** Family terms by living-member count, from the same rule the family entitlements use. */
export function familyTerms(policy: QuotaPolicy | undefined): TermsOf {
  return (unitKey) => {
    if (policy?.beneficiary !== 'family') return undefined;

    const quantity = familyQuantity(policy, Number(unitKey));

    return quantity > 0 ? terms(policy, policy.periodDays, quantity) : undefined;
  };
}

/** Vehicle terms by class, from the same rule the vehicle entitlements use. */
export function vehicleTerms(policy: QuotaPolicy | undefined): TermsOf {
  return (unitKey) => {
    if (policy?.beneficiary !== 'vehicle') return undefined;

    const quota = vehicleClassQuota(policy, unitKey as VehicleClass);

    return quota && terms({ ...policy, season: undefined }, quota.periodDays, quota.periodQuantity);
  };
}

function sameTerms(a: UnitTerms | undefined, b: UnitTerms | undefined): boolean {
  return a?.periodDays === b?.periodDays && a?.periodQuantity === b?.periodQuantity;
}

function emptyCounts(): ChangeCounts {
  return { affected: 0, beneficiaries: 0, gaining: 0, losing: 0 };
}

export function emptyImpact(governorate: string, withVehicles: boolean): GovernorateImpact {
  return {
    delta: 0,
    families: emptyCounts(),
    governorate,
    periodQuantityAfter: 0,
    periodQuantityBefore: 0,
    quantityAfter: 0,
    quantityBefore: 0,
    ...(withVehicles ? { vehicles: emptyCounts() } : {}),
  };
}

function count(
  counts: ChangeCounts,
  n: number,
  before: UnitTerms | undefined,
  after: UnitTerms | undefined,
): void {
  const yearBefore = before?.yearQuantity ?? 0;
  const yearAfter = after?.yearQuantity ?? 0;

  if (!before && !after) return;
  counts.beneficiaries += n;
  if (!sameTerms(before, after)) counts.affected += n;
  if (yearAfter > yearBefore) counts.gaining += n;
  if (yearAfter < yearBefore) counts.losing += n;
}

/** Adds one group of identical holders to its governorate's impact. */
export function addGroup(
  impact: GovernorateImpact,
  group: HolderGroup,
  before: TermsOf,
  after: TermsOf,
): void {
  const holder = { after: 0, before: 0, periodAfter: 0, periodBefore: 0 };
  let changed = false;
  let entitled = false;

  for (const unit of group.units) {
    const was = before(unit.key);
    const will = after(unit.key);

    holder.before += unit.count * (was?.yearQuantity ?? 0);
    holder.after += unit.count * (will?.yearQuantity ?? 0);
    holder.periodBefore += unit.count * (was?.periodQuantity ?? 0);
    holder.periodAfter += unit.count * (will?.periodQuantity ?? 0);
    changed ||= !sameTerms(was, will);
    entitled ||= was !== undefined || will !== undefined;
    if (impact.vehicles) count(impact.vehicles, group.holders * unit.count, was, will);
  }

  // A holder counts once, compared by the sums over its units.
  if (entitled) {
    impact.families.beneficiaries += group.holders;
    if (changed) impact.families.affected += group.holders;
    if (holder.after > holder.before) impact.families.gaining += group.holders;
    if (holder.after < holder.before) impact.families.losing += group.holders;
  }
  impact.quantityBefore += group.holders * holder.before;
  impact.quantityAfter += group.holders * holder.after;
  impact.periodQuantityBefore += group.holders * holder.periodBefore;
  impact.periodQuantityAfter += group.holders * holder.periodAfter;
  impact.delta = impact.quantityAfter - impact.quantityBefore;
}

function addCounts(into: ChangeCounts, from: ChangeCounts): void {
  into.affected += from.affected;
  into.beneficiaries += from.beneficiaries;
  into.gaining += from.gaining;
  into.losing += from.losing;
}

/** Sums governorate impacts into one total row. */
export function totalOf(impacts: GovernorateImpact[], withVehicles: boolean): GovernorateImpact {
  const total = emptyImpact('total', withVehicles);

  for (const impact of impacts) {
    addCounts(total.families, impact.families);
    if (total.vehicles && impact.vehicles) addCounts(total.vehicles, impact.vehicles);
    total.quantityBefore += impact.quantityBefore;
    total.quantityAfter += impact.quantityAfter;
    total.periodQuantityBefore += impact.periodQuantityBefore;
    total.periodQuantityAfter += impact.periodQuantityAfter;
  }
  total.delta = total.quantityAfter - total.quantityBefore;

  return total;
}

/** Compares two policy versions over holder groups; one row per governorate, sorted. */
export function compareGroups(
  groups: Iterable<HolderGroup>,
  before: TermsOf,
  after: TermsOf,
  withVehicles: boolean,
): GovernorateImpact[] {
  const byGovernorate = new Map<string, GovernorateImpact>();

  for (const group of groups) {
    let impact = byGovernorate.get(group.governorate);

    if (!impact) {
      impact = emptyImpact(group.governorate, withVehicles);
      byGovernorate.set(group.governorate, impact);
    }
    addGroup(impact, group, before, after);
  }

  return [...byGovernorate.values()].sort((a, b) => a.governorate.localeCompare(b.governorate));
}
