import { z } from 'zod';

import { nationalNumber } from '@bitaqa/contracts';

export const nationalNumberParams = z.object({ nationalNumber });

export type NationalNumberParams = z.infer<typeof nationalNumberParams>;
