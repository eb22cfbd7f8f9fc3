import { z } from 'zod';

import { nationalNumber } from '@bitaqa/contracts';

import { VEHICLE_CLASSES, type VehicleClass } from '../catalogue/catalogue.types';
import type { Entitlement } from '../entitlements/entitlement.types';

/** Number plate as registered: upper-case letters, digits and hyphens. */
export const plate = z
  .string()
  .min(2)
  .max(20)
  .regex(
    /^[A-Z0-9][A-Z0-9-]*$/,
    'plate of upper-case letters, digits and hyphens such as 123456-SY01',
  );

export const registerVehicleRequest = z.object({
  ownerNationalNumber: nationalNumber,
  plate,
  vehicleClass: z.enum(VEHICLE_CLASSES),
});

export type RegisterVehicleRequest = z.infer<typeof registerVehicleRequest>;

export interface VehicleView {
  entitlements: Entitlement[];
  ownerNationalNumber: string;
  plate: string;
  vehicleClass: VehicleClass;
}
