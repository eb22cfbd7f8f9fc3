import { z } from 'zod';

import { governorateCode } from '@bitaqa/contracts';

/** Station ids are upper-case letters, digits and hyphens, such as `ST-SY01-001`. */
export const stationId = z
  .string()
  .min(3)
  .max(60)
  .regex(
    /^[A-Z0-9][A-Z0-9-]*$/,
    'station id of upper-case letters, digits and hyphens such as ST-SY01-001',
  );

export const createStationRequest = z.object({
  governorate: governorateCode,
  name: z.string().trim().min(1).max(120),
  stationId,
});

export type CreateStationRequest = z.infer<typeof createStationRequest>;

export interface StationView {
  governorate: string;
  name: string;
  stationId: string;
}
