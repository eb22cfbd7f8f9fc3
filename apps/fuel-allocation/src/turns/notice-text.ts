import type { ProductCode, QuantityUnit } from '../catalogue/catalogue.types';

import type { PickUpWindow } from './pick-up-windows';
import { localTimeOfDay } from './zoned-time';

/** Content of the SMS notice of one scheduled turn. */
export interface TurnNotice {
  distributorName: string;
  productCode: ProductCode;
  quantity: number;
  turnId: string;
  unit: QuantityUnit;
  window: PickUpWindow;
}

/** Returns the Arabic name of the goods with their quantity, such as "50 ليتر مازوت تدفئة". */
export function goodsPhrase(
  productCode: ProductCode,
  quantity: number,
  unit: QuantityUnit,
): string {
  if (unit === 'cylinder') {
    return quantity === 1 ? 'أسطوانة غاز منزلي' : `${quantity} أسطوانات غاز منزلي`;
  }

  // Fuel quantities are millilitres; the notice names litres, with decimals only when needed.
  const litres = String(quantity / 1000);
  const name = productCode === 'diesel-heating' ? 'مازوت تدفئة' : 'محروقات';

  return `${litres} ليتر ${name}`;
}

/**
 * Writes the Arabic SMS text of a scheduled turn: the goods, the distributor, the day and the
 * window in the service's time zone, and the first 8 characters of the turn id, which the
 * distributor can look up.
 */
export function turnNoticeText(notice: TurnNotice, timeZone: string): string {
  const goods = goodsPhrase(notice.productCode, notice.quantity, notice.unit);
  const from = localTimeOfDay(notice.window.start, timeZone);
  const to = localTimeOfDay(notice.window.end, timeZone);

  return (
    `البطاقة الذكية: حان دوركم لاستلام ${goods} لدى ${notice.distributorName} ` +
    `يوم ${notice.window.date} بين الساعة ${from} والساعة ${to}. ` +
    `أحضروا البطاقة. رقم الدور ${notice.turnId.slice(0, 8)}.`
  );
}
