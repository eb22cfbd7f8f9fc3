import { dayToDate, type CalendarDay } from '../calendar/calendar-day';
import type { ProductCode } from '../catalogue/catalogue.types';
import type { Tx } from '../infrastructure/prisma.service';

/**
 * Locks a distributor's product row until the transaction ends, so only one scheduling run at a
 * time fills its days. Returns the daily capacity, or undefined when the product was removed.
 */
export async function lockDailyCapacity(
  tx: Tx,
  distributorId: string,
  productCode: ProductCode,
): Promise<number | undefined> {
  const rows = await tx.$queryRaw<{ daily_capacity: number }[]>`
    SELECT daily_capacity FROM distributor_products
    WHERE distributor_id = ${distributorId} AND product_code = ${productCode}
    FOR UPDATE`;

  return rows[0]?.daily_capacity;
}

/**
 * Quantity of a day's capacity already given to turns. Expired turns keep their share: the
 * distributor set the goods aside for the window, and the family returns on a later day.
 */
export async function usedCapacity(
  db: Tx,
  distributorId: string,
  productCode: ProductCode,
  day: CalendarDay,
): Promise<number> {
  const rows = await db.$queryRaw<{ used: number }[]>`
    SELECT COALESCE(sum(quantity), 0)::int AS used FROM turns
    WHERE distributor_id = ${distributorId} AND product_code = ${productCode}
      AND window_date = ${dayToDate(day)}::date
      AND status IN ('notified', 'completed', 'expired')`;

  return rows[0]?.used ?? 0;
}

export async function waitingCount(
  db: Tx,
  distributorId: string,
  productCode: ProductCode,
): Promise<number> {
  const rows = await db.$queryRaw<{ waiting: number }[]>`
    SELECT count(*)::int AS waiting FROM turns
    WHERE distributor_id = ${distributorId} AND product_code = ${productCode}
      AND status = 'waiting'`;

  return rows[0]?.waiting ?? 0;
}
