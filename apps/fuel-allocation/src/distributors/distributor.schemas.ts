import { z } from 'zod';

import { governorateCode, productCode } from '@bitaqa/contracts';

import type { ProductCode, QuantityUnit } from '../catalogue/catalogue.types';
import { stationId } from '../stations/station.schemas';

/** Distributor ids: up to 60 letters, digits, dots, hyphens and underscores, such as `DS-SY01-001`. */
export const distributorId = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]{0,59}$/,
    'distributor id of up to 60 letters, digits, dots, hyphens and underscores such as DS-SY01-001',
  );

/** Largest daily capacity: 1,000,000 L of diesel in millilitres, far above any one distributor. */
export const MAX_DAILY_CAPACITY = 1_000_000_000;

/** Whole cylinders, or millilitres of diesel. */
export const dailyCapacity = z.number().int().positive().max(MAX_DAILY_CAPACITY);

const productCapacity = z.strictObject({ dailyCapacity, productCode });

export const createDistributorRequest = z.strictObject({
  distributorId,
  governorate: governorateCode,
  name: z.string().trim().min(1).max(120),
  products: z
    .array(productCapacity)
    .min(1)
    .max(5)
    .superRefine((products, context) => {
      const seen = new Set<string>();

      products.forEach((product, index) => {
        if (seen.has(product.productCode)) {
          context.addIssue({
            code: 'custom',
            message: `product ${product.productCode} is listed twice`,
            path: [index, 'productCode'],
          });
        }
        seen.add(product.productCode);
      });
    }),
  /** Station whose card reader records the distributor's hand-outs. */
  stationId,
});

export type CreateDistributorRequest = z.infer<typeof createDistributorRequest>;

export const capacityRequest = z.strictObject({ dailyCapacity });

export const distributorIdParam = z.strictObject({ distributorId });

export const distributorProductParams = z.strictObject({ distributorId, productCode });

export const distributorListQuery = z.strictObject({ governorate: governorateCode.optional() });

export interface DistributorProductView {
  dailyCapacity: number;
  /** Turns given a pick-up window and not yet completed, expired or cancelled. */
  notified: number;
  productCode: ProductCode;
  unit: QuantityUnit;
  waiting: number;
}

export interface DistributorView {
  createdAt: string;
  distributorId: string;
  governorate: string;
  name: string;
  products: DistributorProductView[];
  stationId: string;
}

/** A distributor's product as the turn queue needs it. */
export interface DistributorProduct {
  dailyCapacity: number;
  distributorId: string;
  distributorName: string;
  governorate: string;
  productCode: ProductCode;
  stationId: string;
}
