import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import type { Response } from 'express';
import type { z } from 'zod';

import { RequireScopes } from '@bitaqa/auth';
import { ZodValidationPipe } from '@bitaqa/http';

import { FuelScopes } from '../auth/scopes';
import { distributorIdParam } from '../distributors/distributor.schemas';

import { QueueService } from './queue.service';
import { TurnQueryService } from './turn-query.service';
import { TurnRunsService, type ScheduleRunWithExpiries } from './turn-runs.service';
import {
  distributorTurnsQuery,
  enqueueRequest,
  familyIdParam,
  familyTurnParams,
  scheduleRequest,
  type DistributorTurnsQuery,
  type EnqueueRequest,
  type ScheduleRequest,
} from './turn.schemas';
import type { TurnView } from './turn.types';

/** Response header: `true` when the family already held the turn and nothing was created. */
const REPLAYED_HEADER = 'Idempotent-Replayed';

@Controller()
export class TurnsController {
  constructor(
    private readonly queue: QueueService,
    private readonly query: TurnQueryService,
    private readonly runs: TurnRunsService,
  ) {}

  /** Enqueues the family: 201 with a new turn, or 200 with the turn it already has there. */
  @Post('families/:familyId/turns')
  @RequireScopes(FuelScopes.operate)
  async enqueue(
    @Param(new ZodValidationPipe(familyIdParam)) params: z.infer<typeof familyIdParam>,
    @Body(new ZodValidationPipe(enqueueRequest)) request: EnqueueRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<TurnView> {
    const outcome = await this.queue.enqueue(params.familyId, request);

    response.status(outcome.created ? HttpStatus.CREATED : HttpStatus.OK);
    response.setHeader(REPLAYED_HEADER, String(!outcome.created));

    return outcome.turn;
  }

  @Get('families/:familyId/turns')
  @RequireScopes(FuelScopes.read)
  async forFamily(
    @Param(new ZodValidationPipe(familyIdParam)) params: z.infer<typeof familyIdParam>,
  ): Promise<{ familyId: string; turns: TurnView[] }> {
    return { familyId: params.familyId, turns: await this.query.forFamily(params.familyId) };
  }

  @Post('families/:familyId/turns/:turnId/cancellation')
  @RequireScopes(FuelScopes.operate)
  @HttpCode(HttpStatus.OK)
  cancel(
    @Param(new ZodValidationPipe(familyTurnParams)) params: z.infer<typeof familyTurnParams>,
  ): Promise<TurnView> {
    return this.queue.cancel(params.familyId, params.turnId);
  }

  /** Operator view of a distributor's turns, waiting ones in queue order with their position. */
  @Get('distributors/:distributorId/turns')
  @RequireScopes(FuelScopes.read)
  async forDistributor(
    @Param(new ZodValidationPipe(distributorIdParam)) params: z.infer<typeof distributorIdParam>,
    @Query(new ZodValidationPipe(distributorTurnsQuery)) query: DistributorTurnsQuery,
  ): Promise<{ distributorId: string; turns: TurnView[] }> {
    return {
      distributorId: params.distributorId,
      turns: await this.query.forDistributor(params.distributorId, query),
    };
  }

  /** Expires passed windows, fills a day (tomorrow by default) and sends the notices. */
  @Post('distributors/:distributorId/schedule')
  @RequireScopes(FuelScopes.operate)
  @HttpCode(HttpStatus.OK)
  schedule(
    @Param(new ZodValidationPipe(distributorIdParam)) params: z.infer<typeof distributorIdParam>,
    @Body(new ZodValidationPipe(scheduleRequest)) request: ScheduleRequest,
  ): Promise<ScheduleRunWithExpiries> {
    return this.runs.runForDistributor(params.distributorId, request);
  }
}
