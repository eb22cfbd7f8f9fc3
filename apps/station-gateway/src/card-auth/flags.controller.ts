import { Controller, Get, Inject, Query } from '@nestjs/common';
import { z } from 'zod';

import { RequireScopes } from '@bitaqa/auth';
import { cardNumber } from '@bitaqa/contracts';
import { ZodValidationPipe } from '@bitaqa/http';

import { StationScopes } from '../auth/scopes';

import { CardFlagRepository, type CardFlag } from './card-flag.repository';

const listFlagsQuery = z.object({
  cardNumber: cardNumber.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

type ListFlagsQuery = z.infer<typeof listFlagsQuery>;

/** Cards this station refused as suspect; each flag was also published on station.card-flags. */
@Controller('flags')
@RequireScopes(StationScopes.operate)
export class FlagsController {
  constructor(@Inject(CardFlagRepository) private readonly flags: CardFlagRepository) {}

  @Get()
  list(@Query(new ZodValidationPipe(listFlagsQuery)) query: ListFlagsQuery): { flags: CardFlag[] } {
    return { flags: this.flags.list(query.limit, query.cardNumber) };
  }
}
