import { Body, Controller, HttpCode, HttpStatus, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { z } from 'zod';

import { CurrentPrincipal, type Principal, RequireScopes } from '@bitaqa/auth';
import { ZodValidationPipe } from '@bitaqa/http';

import { FuelScopes } from '../auth/scopes';

import {
  redemptionIdParam,
  redemptionRequest,
  reversalRequest,
  type RedemptionRequest,
  type RedemptionView,
  type ReversalRequest,
  type ReversalView,
} from './redemption.schemas';
import { RedemptionsService } from './redemptions.service';
import { ReversalsService } from './reversals.service';
import { assertSameStation, callingStation } from './station-caller';

/** Response header: `true` when the body repeats the stored result of an earlier request. */
const REPLAYED_HEADER = 'Idempotent-Replayed';

/**
 * Station endpoints. The token's kind and station are checked after body validation, so a
 * malformed body still gets 400.
 */
@Controller('redemptions')
@RequireScopes(FuelScopes.redeem)
export class RedemptionsController {
  constructor(
    private readonly redemptions: RedemptionsService,
    private readonly reversals: ReversalsService,
  ) {}

  /**
   * Debits a card's quota for the station whose token authorizes the call. The first response
   * and every retry are 200 with the same body.
   */
  @Post()
  @HttpCode(HttpStatus.OK)
  async redeem(
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodValidationPipe(redemptionRequest)) request: RedemptionRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<RedemptionView> {
    assertSameStation(callingStation(principal), request.stationId);

    const outcome = await this.redemptions.redeem(request);

    response.setHeader(REPLAYED_HEADER, String(outcome.replayed));

    return outcome.view;
  }

  /** Credits a redemption back for the station that recorded it, whose token authorizes the call. */
  @Post(':id/reversal')
  @HttpCode(HttpStatus.OK)
  reverse(
    @CurrentPrincipal() principal: Principal,
    @Param(new ZodValidationPipe(redemptionIdParam)) params: z.infer<typeof redemptionIdParam>,
    @Body(new ZodValidationPipe(reversalRequest)) request: ReversalRequest,
  ): Promise<ReversalView> {
    return this.reversals.reverse(params.id, request.reason, callingStation(principal));
  }
}
