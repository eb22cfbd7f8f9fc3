import { nationalNumber } from '@bitaqa/contracts';
import { z } from 'zod';

export const findCardsQuery = z.object({ nationalNumber });

export type FindCardsQuery = z.infer<typeof findCardsQuery>;
