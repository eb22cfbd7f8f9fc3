import {
  Body,
  Controller,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Res,
  UseGuards,
} from '@nestjs/common';
import type { Response } from 'express';
import type { z } from 'zod';

import { ZodValidationPipe } from '@bitaqa/http';

import {
  assertSameStation,
  AuthenticatedStation,
  StationKeyGuard,
} from '../stations/station-key.guard';

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

/** Response header: `true` when the body repeats the stored result of an earlier request. */
const REPLAYED_HEADER = 'Idempotent-Replayed';

@Controller('redemptions')
export class RedemptionsController {
  constructor(
    private readonly redemptions: RedemptionsService,
    private readonly reversals: ReversalsService,
  ) {}

  /**
   * Debits a card's quota for the station whose key authorizes the call. The first response
   * and every retry are 200 with the same body.
   */
  @Post()
  @HttpCode(HttpStatus.OK)
  @UseGuards(StationKeyGuard)
  async redeem(
    @AuthenticatedStation() stationId: string,
    @Body(new ZodValidationPipe(redemptionRequest)) request: RedemptionRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<RedemptionView> {
    assertSameStation(stationId, request.stationId);

    const outcome = await this.redemptions.redeem(request);

    response.setHeader(REPLAYED_HEADER, String(outcome.replayed));

    return outcome.view;
  }

  /** Credits a redemption back for the station that recorded it, whose key authorizes the call. */
  @Post(':id/reversal')
  @HttpCode(HttpStatus.OK)
  @UseGuards(StationKeyGuard)
  reverse(
    @AuthenticatedStation() stationId: string,
    @Param(new ZodValidationPipe(redemptionIdParam)) params: z.infer<typeof redemptionIdParam>,
    @Body(new ZodValidationPipe(reversalRequest)) request: ReversalRequest,
  ): Promise<ReversalView> {
    return this.reversals.reverse(params.id, request.reason, stationId);
  }
}
