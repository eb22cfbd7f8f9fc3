import { Injectable } from '@nestjs/common';

import { USABLE_CARD_STATUSES } from '@bitaqa/contracts';

import { dateToDay, dayToDate, type CalendarDay } from '../calendar/calendar-day';
import type { ProductCode } from '../catalogue/catalogue.types';
import { FamilyEntitlementsService } from '../entitlements/family-entitlements.service';
import { PrismaService, type Tx } from '../infrastructure/prisma.service';

/** Reason a family may not hold a turn for a product. */
export type IneligibilityCode =
  'FAMILY_NOT_FOUND' | 'HEAD_NOT_LIVING' | 'NO_ENTITLEMENT' | 'NO_USABLE_CARD' | 'QUOTA_USED_UP';

export type Eligibility =
  | { balance: number; eligible: true; periodStart: CalendarDay }
  | { code: IneligibilityCode; eligible: false; message: string };

interface EligibilityRow {
  balance: number | null;
  family_id: string;
  has_usable_card: boolean;
  head_living: boolean;
  period_start: Date | null;
}

/**
 * Decides whether families may hold a turn for a product: the family head is alive, one of the
 * family's cards is usable at stations (not hotlisted), and the family's quota account of the
 * current period has a balance left.
 */
@Injectable()
export class EligibilityService {
  constructor(
    private readonly families: FamilyEntitlementsService,
    private readonly prisma: PrismaService,
  ) {}

  /**
   * Brings the families' quota accounts up to date, so a period that began today has its grant
   * before eligibility reads it. One query finds the families not refreshed on `today`, and each
   * of those is refreshed in a transaction of its own.
   */
  async refresh(familyIds: readonly string[], today: CalendarDay): Promise<void> {
    const stale = await this.prisma.$queryRaw<{ family_id: string }[]>`
      SELECT family_id FROM families
      WHERE family_id = ANY(${[...new Set(familyIds)]})
        AND (refreshed_on IS NULL OR refreshed_on <> ${dayToDate(today)}::date)`;

    for (const row of stale) await this.families.ensureCurrent(row.family_id);
  }

  /** Checks families on `today`; call `refresh` first, outside the caller's transaction. */
  async check(
    db: Tx,
    familyIds: readonly string[],
    productCode: ProductCode,
    today: CalendarDay,
  ): Promise<Map<string, Eligibility>> {
    const rows = await db.$queryRaw<EligibilityRow[]>`
      SELECT f.family_id,
             EXISTS (
               SELECT 1 FROM family_members m
               WHERE m.family_id = f.family_id AND m.national_number = f.head_national_number
                 AND m.alive
                 AND NOT EXISTS (SELECT 1 FROM deaths d WHERE d.national_number = m.national_number)
             ) AS head_living,
             EXISTS (
               SELECT 1 FROM cards c
               WHERE c.family_id = f.family_id AND c.status = ANY(${[...USABLE_CARD_STATUSES]})
             ) AS has_usable_card,
             a.balance, a.period_start
      FROM families f
      LEFT JOIN quota_accounts a ON a.family_id = f.family_id AND a.product_code = ${productCode}
        AND a.expired_at IS NULL
        AND a.period_start <= ${dayToDate(today)}::date AND a.period_end >= ${dayToDate(today)}::date
      WHERE f.family_id = ANY(${[...familyIds]})`;
    const rowsByFamily = new Map(rows.map((row) => [row.family_id, row]));
    const result = new Map<string, Eligibility>();

    for (const familyId of familyIds) {
      const row = rowsByFamily.get(familyId);

      result.set(familyId, row ? eligibilityOf(row, productCode) : notFound(familyId));
    }

    return result;
  }
}

function notFound(familyId: string): Eligibility {
  return { code: 'FAMILY_NOT_FOUND', eligible: false, message: `family ${familyId} is not known` };
}

function eligibilityOf(row: EligibilityRow, productCode: ProductCode): Eligibility {
  if (!row.head_living) {
    return {
      code: 'HEAD_NOT_LIVING',
      eligible: false,
      message: `the head of family ${row.family_id} is not living`,
    };
  }
  if (!row.has_usable_card) {
    return {
      code: 'NO_USABLE_CARD',
      eligible: false,
      message: `family ${row.family_id} has no issued or active card`,
    };
  }
  if (row.balance === null || row.period_start === null) {
    return {
      code: 'NO_ENTITLEMENT',
      eligible: false,
      message: `family ${row.family_id} has no ${productCode} quota in the current period`,
    };
  }
  if (row.balance <= 0) {
    return {
      code: 'QUOTA_USED_UP',
      eligible: false,
      message: `family ${row.family_id} has used its ${productCode} quota of the current period`,
    };
  }

  return { balance: row.balance, eligible: true, periodStart: dateToDay(row.period_start) };
}
