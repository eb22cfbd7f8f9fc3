import { Controller, Get, Inject, Param } from '@nestjs/common';
import { z } from 'zod';

import { RequireScopes } from '@bitaqa/auth';
import { cardNumber, USABLE_CARD_STATUSES } from '@bitaqa/contracts';
import { NotFoundError, ZodValidationPipe } from '@bitaqa/http';

import { StationScopes } from '../auth/scopes';

import { CardStatusRepository, type CachedCardStatus } from './card-status.repository';
import { PolicyRepository, type CachedPolicy } from './policy.repository';

const cardNumberParam = z.object({ cardNumber });

export type CardStatusView = CachedCardStatus & { usable: boolean };

/** Read access to the station cache. */
@Controller()
@RequireScopes(StationScopes.operate)
export class CacheController {
  constructor(
    @Inject(CardStatusRepository) private readonly cards: CardStatusRepository,
    @Inject(PolicyRepository) private readonly policies: PolicyRepository,
  ) {}

  @Get('cards/:cardNumber/status')
  cardStatus(
    @Param(new ZodValidationPipe(cardNumberParam)) params: z.infer<typeof cardNumberParam>,
  ): CardStatusView {
    const cached = this.cards.find(params.cardNumber);

    if (!cached) {
      throw new NotFoundError(
        'CARD_NOT_CACHED',
        `card ${params.cardNumber} is not in the station cache`,
        {
          field: 'cardNumber',
          hint: 'the authority has published no status for this card, or the cache is still loading',
          value: params.cardNumber,
        },
      );
    }

    return { ...cached, usable: USABLE_CARD_STATUSES.has(cached.status) };
  }

  @Get('policies')
  listPolicies(): { policies: CachedPolicy[] } {
    return { policies: this.policies.list() };
  }
}
