import { z } from 'zod';

import { governorateCode } from '@bitaqa/contracts';

/** Station ids: up to 60 letters, digits, dots, hyphens and underscores, such as `ST-SY01-001`. */
export const stationId = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]{0,59}$/,
    'station id of up to 60 letters, digits, dots, hyphens and underscores such as ST-SY01-001',
  );

export const createStationRequest = z.object({
  governorate: governorateCode,
  name: z.string().trim().min(1).max(120),
  stationId,
});

export type CreateStationRequest = z.infer<typeof createStationRequest>;

export const stationParam = z.object({ stationId });

export interface StationView {
  governorate: string;
  name: string;
  stationId: string;
}
