import { Inject, Injectable } from '@nestjs/common';

import { RuleViolationError } from '@bitaqa/http';

import type { CalendarDay } from '../calendar/calendar-day';
import { periodContaining, type Period } from '../calendar/period';
import { CatalogueService } from '../catalogue/catalogue.service';
import type { ProductCode, QuotaPolicy } from '../catalogue/catalogue.types';
import type { FuelAllocationConfig } from '../config';
import { familyPeriodRule, familyQuantity } from '../entitlements/quota-rules';
import { Prisma } from '../generated/prisma/client';
import { CalendarService } from '../infrastructure/calendar.service';
import { PrismaService } from '../infrastructure/prisma.service';
import { APP_CONFIG } from '../infrastructure/tokens';

import type { ExclusionQuery } from './report.schemas';

export interface ExclusionCounts {
  entitled: number;
  governorate: string;
  notServed: number;
  served: number;
}

/** A family entitled in the period with no unreversed redemption of the product in it. */
export interface UnservedFamily {
  familyId: string;
  governorate: string;
  headNationalNumber: string;
  livingMembers: number;
  /** Quantity the policy grants the family per period, in the product's unit. */
  quantity: number;
}

interface ExclusionRow {
  counts: ExclusionCounts[];
  families: Omit<UnservedFamily, 'quantity'>[];
  total: number;
}

export interface ExclusionReport {
  counts: ExclusionCounts[];
  families: UnservedFamily[];
  limit: number;
  offset: number;
  periodEnd: CalendarDay;
  periodStart: CalendarDay;
  policyVersion: number;
  productCode: ProductCode;
  /** Unserved families matching the query, over all pages. */
  total: number;
}

/**
 * Exclusion errors: families the quota rules entitle to a family product in one period that
 * were not served in it. A family is entitled when it has a living member, as the
 * entitlements count them today. It is served when a redemption of the product inside the
 * period was not reversed.
 *
 * NOTE: living members come from the latest family snapshot, so a family whose last member died
 * after the period is left out of that period's figures.
 */
@Injectable()
export class ExclusionReportService {
  constructor(
    private readonly calendar: CalendarService,
    private readonly catalogue: CatalogueService,
    @Inject(APP_CONFIG) private readonly config: FuelAllocationConfig,
    private readonly prisma: PrismaService,
  ) {}

  async report(query: ExclusionQuery): Promise<ExclusionReport> {
    const day = query.day ?? this.calendar.today();
    const policy = this.familyPolicy(query.productCode, day);
    const period = this.periodOf(policy, day);
    const governorate = query.governorate
      ? Prisma.sql`AND governorate = ${query.governorate}`
      : Prisma.empty;
    // One pass: the entitled families are computed once and feed the counts, the page and the
    // total, so the living-member aggregate over all families runs once per report.
    const rows = await this.prisma.$queryRaw<ExclusionRow[]>`
      WITH entitled AS MATERIALIZED (${this.familiesSql(query.productCode, period)}),
      unserved AS (SELECT * FROM entitled WHERE NOT served ${governorate})
      SELECT
        (SELECT COALESCE(json_agg(c ORDER BY c.governorate), '[]') FROM (
           SELECT governorate, count(*)::int AS entitled,
                  (count(*) FILTER (WHERE served))::int AS served,
                  (count(*) FILTER (WHERE NOT served))::int AS "notServed"
           FROM entitled GROUP BY governorate) c) AS counts,
        (SELECT COALESCE(json_agg(p ORDER BY p.governorate, p."familyId"), '[]') FROM (
           SELECT family_id AS "familyId", governorate,
                  head_national_number AS "headNationalNumber", living AS "livingMembers"
           FROM unserved ORDER BY governorate, family_id
           LIMIT ${query.limit} OFFSET ${query.offset}) p) AS families,
        (SELECT count(*)::int FROM unserved) AS total`;
    const { counts, families, total } = rows[0] ?? { counts: [], families: [], total: 0 };

    return {
      counts,
      families: families.map((family) => ({
        ...family,
        quantity: familyQuantity(policy, family.livingMembers),
      })),
      limit: query.limit,
      offset: query.offset,
      periodEnd: period.end,
      periodStart: period.start,
      policyVersion: policy.version,
      productCode: query.productCode,
      total,
    };
  }

  /** Families with a living member and whether the product was redeemed for them in `period`. */
  private familiesSql(productCode: ProductCode, period: Period): Prisma.Sql {
    const zone = this.config.timeZone;

    return Prisma.sql`
      SELECT f.family_id, f.governorate, f.head_national_number, l.living::int AS living,
             EXISTS (
               SELECT 1 FROM redemptions r
               WHERE r.family_id = f.family_id AND r.product_code = ${productCode}
                 AND r.recorded_at >= ((${period.start}::date)::timestamp AT TIME ZONE ${zone})
                 AND r.recorded_at < ((${period.end}::date + 1)::timestamp AT TIME ZONE ${zone})
                 AND r.reversed_at IS NULL
             ) AS served
      FROM families f
      JOIN (
        SELECT m.family_id, count(*) AS living FROM family_members m
        WHERE m.alive
          AND NOT EXISTS (SELECT 1 FROM deaths d WHERE d.national_number = m.national_number)
        GROUP BY m.family_id
      ) l ON l.family_id = f.family_id`;
  }

  private familyPolicy(productCode: ProductCode, day: CalendarDay): QuotaPolicy {
    const policy = this.catalogue.activePolicy(productCode, day);

    if (policy?.beneficiary !== 'family') {
      throw new RuleViolationError(
        'NOT_A_FAMILY_PRODUCT',
        `${productCode} has no family quota policy in force on ${day}`,
        {
          field: 'productCode',
          hint: 'use a family product such as gas-cylinder or diesel-heating',
          value: productCode,
        },
      );
    }

    return policy;
  }

  private periodOf(policy: QuotaPolicy, day: CalendarDay): Period {
    const period = periodContaining(familyPeriodRule(policy), day);

    if (!period) {
      throw new RuleViolationError(
        'NO_QUOTA_PERIOD',
        `${policy.productCode} has no quota period on ${day}`,
        {
          field: 'day',
          hint: 'pick a day inside the season, for heating diesel from 1 October',
          value: day,
        },
      );
    }

    return period;
  }
}
