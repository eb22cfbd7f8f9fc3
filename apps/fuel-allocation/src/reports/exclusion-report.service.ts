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
    const base = this.familiesSql(query.productCode, period);
    const counts = await this.prisma.$queryRaw<ExclusionCounts[]>`
      WITH entitled AS (${base})
      SELECT governorate, count(*)::int AS entitled,
             (count(*) FILTER (WHERE served))::int AS served,
             (count(*) FILTER (WHERE NOT served))::int AS "notServed"
      FROM entitled GROUP BY governorate ORDER BY governorate`;
    const governorate = query.governorate
      ? Prisma.sql`AND governorate = ${query.governorate}`
      : Prisma.empty;
    const rows = await this.prisma.$queryRaw<
      (Omit<UnservedFamily, 'quantity'> & { total: number })[]
    >`
      WITH entitled AS (${base})
      SELECT family_id AS "familyId", governorate, head_national_number AS "headNationalNumber",
             living AS "livingMembers", (count(*) OVER ())::int AS total
      FROM entitled WHERE NOT served ${governorate}
      ORDER BY governorate, family_id
      LIMIT ${query.limit} OFFSET ${query.offset}`;

    return {
      counts,
      families: rows.map(({ total: _total, ...family }) => ({
        ...family,
        quantity: familyQuantity(policy, family.livingMembers),
      })),
      limit: query.limit,
      offset: query.offset,
      periodEnd: period.end,
      periodStart: period.start,
      policyVersion: policy.version,
      productCode: query.productCode,
      total: rows[0]?.total ?? (await this.countUnserved(base, query)),
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

  /** Counts unserved families when the requested page is past the last row. */
  private async countUnserved(base: Prisma.Sql, query: ExclusionQuery): Promise<number> {
    const governorate = query.governorate
      ? Prisma.sql`AND governorate = ${query.governorate}`
      : Prisma.empty;
    const rows = await this.prisma.$queryRaw<{ total: number }[]>`
      WITH entitled AS (${base})
      SELECT count(*)::int AS total FROM entitled WHERE NOT served ${governorate}`;

    return rows[0]?.total ?? 0;
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
