import { Controller, Get, Param } from '@nestjs/common';
import { z } from 'zod';

import { RequireScopes } from '@bitaqa/auth';
import { cardNumber, familyId } from '@bitaqa/contracts';
import { ZodValidationPipe } from '@bitaqa/http';

import { FuelScopes } from '../auth/scopes';

import type { FamilyEntitlements } from './entitlement.types';
import { EntitlementQueryService, type CardEntitlements } from './entitlement-query.service';

const familyIdParam = z.object({ familyId });
const cardNumberParam = z.object({ cardNumber });

@Controller()
@RequireScopes(FuelScopes.read)
export class EntitlementsController {
  constructor(private readonly query: EntitlementQueryService) {}

  @Get('families/:familyId/entitlements')
  forFamily(
    @Param(new ZodValidationPipe(familyIdParam)) params: z.infer<typeof familyIdParam>,
  ): Promise<FamilyEntitlements> {
    return this.query.forFamily(params.familyId);
  }

  /** Returns the card's status and its family's quotas, as a station shows them. */
  @Get('cards/:cardNumber/entitlements')
  forCard(
    @Param(new ZodValidationPipe(cardNumberParam)) params: z.infer<typeof cardNumberParam>,
  ): Promise<CardEntitlements> {
    return this.query.forCard(params.cardNumber);
  }
}
