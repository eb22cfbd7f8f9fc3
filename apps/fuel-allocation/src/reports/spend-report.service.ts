import { Inject, Injectable } from '@nestjs/common';

import type { CalendarDay } from '../calendar/calendar-day';
import type { ProductCode, QuantityUnit } from '../catalogue/catalogue.types';
import type { FuelAllocationConfig } from '../config';
import { Prisma } from '../generated/prisma/client';
import { PrismaService } from '../infrastructure/prisma.service';
import { APP_CONFIG } from '../infrastructure/tokens';

import type { SpendQuery } from './report.schemas';

/** Quantities and money of one product at one governorate's stations on one day. */
export interface SpendRow {
  /** Paid at the subsidized price, in piastres; reversals subtract. */
  amountPiastres: number;
  day: CalendarDay;
  governorate: string;
  productCode: ProductCode;
  /** Millilitres or cylinders handed out, less those reversed on this day. */
  quantity: number;
  redemptions: number;
  reversals: number;
  /** Quantity times (free price - subsidized price), in piastres; reversals subtract. */
  subsidyPiastres: number;
  unit: QuantityUnit;
  /** Redemptions and reversals with no free price in force on their day, so no subsidy. */
  withoutFreePrice: number;
}

export interface SpendReport {
  from: CalendarDay;
  rows: SpendRow[];
  timeZone: string;
  to: CalendarDay;
}

interface SpendRecord {
  amount: bigint;
  day: Date;
  governorate: string;
  product_code: string;
  quantity: bigint;
  redemptions: number;
  reversals: number;
  subsidy: bigint;
  unit: QuantityUnit;
  without_free_price: number;
}

/**
 * Litres (millilitres), cylinders and subsidy per product, station governorate and day. A
 * redemption counts on its day and its reversal subtracts on the reversal's day, both priced
 * at the redemption's day: the subsidized price stored on the redemption and the free price in
 * force then.
 */
@Injectable()
export class SpendReportService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: FuelAllocationConfig,
    private readonly prisma: PrismaService,
  ) {}

  async report(query: SpendQuery): Promise<SpendReport> {
    const zone = this.config.timeZone;
    const start = Prisma.sql`((${query.from}::date)::timestamp AT TIME ZONE ${zone})`;
    const end = Prisma.sql`((${query.to}::date + 1)::timestamp AT TIME ZONE ${zone})`;
    const product = query.productCode
      ? Prisma.sql`AND r.product_code = ${query.productCode}`
      : Prisma.empty;
    const governorate = query.governorate
      ? Prisma.sql`AND s.governorate = ${query.governorate}`
      : Prisma.empty;
    const records = await this.prisma.$queryRaw<SpendRecord[]>`
      WITH movements AS (
        SELECT 1 AS sign, r.recorded_at AS at, r.recorded_at, r.station_id, r.product_code, r.unit,
               r.quantity, r.amount_piastres, r.price_piastres
        FROM redemptions r
        WHERE r.recorded_at >= ${start} AND r.recorded_at < ${end} ${product}
        UNION ALL
        SELECT -1 AS sign, r.reversed_at AS at, r.recorded_at, r.station_id, r.product_code, r.unit,
               r.quantity, r.amount_piastres, r.price_piastres
        FROM redemptions r
        WHERE r.reversed_at >= ${start} AND r.reversed_at < ${end} ${product}
      ), priced AS (
        SELECT m.sign, (m.at AT TIME ZONE ${zone})::date AS day, s.governorate, m.product_code,
               m.unit, m.quantity, m.amount_piastres, fp.price_piastres - m.price_piastres AS gap
        FROM movements m
        JOIN stations s ON s.id = m.station_id
        LEFT JOIN LATERAL (
          SELECT f.price_piastres FROM product_free_prices f
          WHERE f.product_code = m.product_code
            AND f.effective_from <= (m.recorded_at AT TIME ZONE ${zone})::date
          ORDER BY f.effective_from DESC LIMIT 1
        ) fp ON true
        WHERE true ${governorate}
      )
      SELECT day, governorate, product_code, unit,
             sum(sign * quantity)::bigint AS quantity,
             (count(*) FILTER (WHERE sign = 1))::int AS redemptions,
             (count(*) FILTER (WHERE sign = -1))::int AS reversals,
             sum(sign * amount_piastres)::bigint AS amount,
             -- Rounded per redemption as amountPiastres rounds: half up to a piastre per litre.
             COALESCE(sum(sign * CASE WHEN unit = 'cylinder' THEN gap::bigint * quantity
                                      ELSE floor((gap::bigint * quantity + 500) / 1000.0)::bigint
                                 END), 0)::bigint AS subsidy,
             (count(*) FILTER (WHERE gap IS NULL))::int AS without_free_price
      FROM priced
      GROUP BY day, governorate, product_code, unit
      ORDER BY day, governorate, product_code`;

    return {
      from: query.from,
      rows: records.map(spendRow),
      timeZone: zone,
      to: query.to,
    };
  }
}

function spendRow(record: SpendRecord): SpendRow {
  return {
    amountPiastres: Number(record.amount),
    day: record.day.toISOString().slice(0, 10),
    governorate: record.governorate,
    productCode: record.product_code as ProductCode,
    quantity: Number(record.quantity),
    redemptions: record.redemptions,
    reversals: record.reversals,
    subsidyPiastres: Number(record.subsidy),
    unit: record.unit,
    withoutFreePrice: record.without_free_price,
  };
}

export const SPEND_COLUMNS = [
  'day',
  'governorate',
  'productCode',
  'unit',
  'quantity',
  'redemptions',
  'reversals',
  'amountPiastres',
  'subsidyPiastres',
  'withoutFreePrice',
] as const satisfies readonly (keyof SpendRow)[];
