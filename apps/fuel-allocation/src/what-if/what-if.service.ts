import { Inject, Injectable } from '@nestjs/common';

import { RuleViolationError } from '@bitaqa/http';
import type { Logger } from '@bitaqa/observability';

import { CatalogueService } from '../catalogue/catalogue.service';
import type { QuotaPolicy } from '../catalogue/catalogue.types';
import { PrismaService } from '../infrastructure/prisma.service';
import { LOGGER } from '../infrastructure/tokens';

import { compareGroups, familyTerms, totalOf, vehicleTerms } from './what-if-calc';
import type { DraftPolicy } from './what-if.schemas';
import type { HolderGroup, PolicyTermsView, WhatIfReport } from './what-if.types';

/** Governorate of vehicles whose owner is in no stored family. */
export const UNKNOWN_GOVERNORATE = 'unknown';

/**
 * Compares a draft policy version with the version in force on its effective date, over the
 * stored beneficiaries. PostgreSQL groups families by governorate and living members (and
 * vehicle owners by governorate and vehicles per class), so the work in Node grows with the
 * number of distinct groups, not with the number of families. Nothing is written.
 */
@Injectable()
export class WhatIfService {
  constructor(
    private readonly catalogue: CatalogueService,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly prisma: PrismaService,
  ) {}

  async compare(draft: DraftPolicy): Promise<WhatIfReport> {
    const product = this.catalogue.product(draft.productCode);

    if (!product) {
      throw new RuleViolationError('UNKNOWN_PRODUCT', `no product ${draft.productCode}`, {
        field: 'productCode',
        value: draft.productCode,
      });
    }

    const inForce = this.catalogue.activePolicy(draft.productCode, draft.effectiveFrom);

    if (inForce && inForce.beneficiary !== draft.beneficiary) {
      throw new RuleViolationError(
        'BENEFICIARY_MISMATCH',
        `${draft.productCode} is allocated per ${inForce.beneficiary}, not per ${draft.beneficiary}`,
        { field: 'beneficiary', hint: `use ${inForce.beneficiary}`, value: draft.beneficiary },
      );
    }

    const proposed = this.toPolicy(draft, product.unit, inForce);
    const vehicles = proposed.beneficiary === 'vehicle';
    const groups = vehicles ? await this.vehicleGroups() : await this.familyGroups();
    const termsOf = vehicles ? vehicleTerms : familyTerms;
    const governorates = compareGroups(groups, termsOf(inForce), termsOf(proposed), vehicles);
    const total = totalOf(governorates, vehicles);

    this.logger.info(
      { delta: total.delta, groups: groups.length, productCode: draft.productCode },
      'what-if computed',
    );

    return {
      beneficiary: draft.beneficiary,
      effectiveFrom: draft.effectiveFrom,
      governorates,
      policyInForce: inForce ? termsView(inForce) : null,
      productCode: draft.productCode,
      quantityBasis: 'per-365-days',
      total,
      unit: product.unit,
    };
  }

  private toPolicy(
    draft: DraftPolicy,
    unit: QuotaPolicy['unit'],
    inForce: QuotaPolicy | undefined,
  ): QuotaPolicy {
    return {
      beneficiary: draft.beneficiary,
      effectiveFrom: draft.effectiveFrom,
      familySizeScaling: draft.familySizeScaling,
      id: 0,
      periodDays: draft.periodDays,
      periodQuantity: draft.periodQuantity,
      productCode: draft.productCode,
      publishedAt: null,
      season: draft.season,
      source: draft.source,
      unit,
      vehicleClasses: draft.vehicleClasses,
      version: (inForce?.version ?? 0) + 1,
    };
  }

  /** Families per governorate and living members, counted as the entitlements count them. */
  private async familyGroups(): Promise<HolderGroup[]> {
    const rows = await this.prisma.$queryRaw<
      { families: number; governorate: string; living: number }[]
    >`
      SELECT f.governorate, COALESCE(l.living, 0)::int AS living, count(*)::int AS families
      FROM families f
      LEFT JOIN (
        SELECT m.family_id, count(*) AS living FROM family_members m
        WHERE m.alive
          AND NOT EXISTS (SELECT 1 FROM deaths d WHERE d.national_number = m.national_number)
        GROUP BY m.family_id
      ) l ON l.family_id = f.family_id
      GROUP BY 1, 2`;

    return rows.map((row) => ({
      governorate: row.governorate,
      holders: row.families,
      units: [{ count: 1, key: String(row.living) }],
    }));
  }

  /**
   * Vehicle owners per governorate and mix of vehicle classes. An owner belongs to the family
   * where they are head, else to the first family that lists them. Each vehicle of an owner in
   * no family counts as one owner under `unknown`.
   */
  private async vehicleGroups(): Promise<HolderGroup[]> {
    const rows = await this.prisma.$queryRaw<
      { governorate: string; mix: string; owners: number }[]
    >`
      WITH owned AS (
        SELECT COALESCE(o.family_id, 'plate:' || v.plate) AS owner,
               COALESCE(o.governorate, ${UNKNOWN_GOVERNORATE}) AS governorate,
               v.vehicle_class::text AS vehicle_class
        FROM vehicles v
        LEFT JOIN LATERAL (
          SELECT m.family_id, f.governorate FROM family_members m
          JOIN families f ON f.family_id = m.family_id
          WHERE m.national_number = v.owner_national_number
          ORDER BY (m.role = 'head') DESC, m.family_id
          LIMIT 1
        ) o ON true
      ), per_owner AS (
        SELECT owner, governorate, string_agg(vehicle_class, ',' ORDER BY vehicle_class) AS mix
        FROM owned GROUP BY owner, governorate
      )
      SELECT governorate, mix, count(*)::int AS owners FROM per_owner GROUP BY 1, 2`;

    return rows.map((row) => ({
      governorate: row.governorate,
      holders: row.owners,
      units: classCounts(row.mix),
    }));
  }
}

/** `motorcycle,private-car,private-car` to one unit per class with its count. */
function classCounts(mix: string): HolderGroup['units'] {
  const counts = new Map<string, number>();

  for (const vehicleClass of mix.split(',')) {
    counts.set(vehicleClass, (counts.get(vehicleClass) ?? 0) + 1);
  }

  return [...counts].map(([key, count]) => ({ count, key }));
}

function termsView(policy: QuotaPolicy): PolicyTermsView {
  return {
    beneficiary: policy.beneficiary,
    effectiveFrom: policy.effectiveFrom,
    periodDays: policy.periodDays,
    periodQuantity: policy.periodQuantity,
    version: policy.version,
  };
}
