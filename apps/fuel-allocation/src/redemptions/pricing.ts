import type { QuantityUnit } from '../catalogue/catalogue.types';

/**
 * Amount due in piastres for `quantity` at `pricePiastres` per litre (ml products) or per
 * cylinder. Millilitre amounts round half up to the nearest piastre.
 */
export function amountPiastres(
  unit: QuantityUnit,
  pricePiastres: number,
  quantity: number,
): number {
  if (unit === 'cylinder') return pricePiastres * quantity;

  return Math.floor((pricePiastres * quantity + 500) / 1000);
}
