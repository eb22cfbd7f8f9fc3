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
  /** Listed stations show whether a key was issued; the key itself is never listed. */
  hasKey?: boolean;
  name: string;
  stationId: string;
}

/** A newly issued station key, shown once; only its hash is stored. */
export interface StationKeyView {
  keyIssuedAt: string;
  stationKey: string;
}
