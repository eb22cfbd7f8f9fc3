import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';

import { ZodValidationPipe } from '@bitaqa/http';

import { DivorcesService } from './divorces.service';
import {
  divorceFiling,
  divorceFinalization,
  divorceIdParams,
  divorceWithdrawal,
  type DivorceFiling,
  type DivorceFinalization,
  type DivorceResult,
  type DivorceView,
  type DivorceWithdrawal,
} from './dto/divorce.dto';

const idPipe = new ZodValidationPipe(divorceIdParams);

@Controller('divorces')
export class DivorcesController {
  constructor(private readonly divorces: DivorcesService) {}

  /** Files a divorce (pending): 201, or 200 when the same court case was filed before. */
  @Post()
  async file(
    @Body(new ZodValidationPipe(divorceFiling)) body: DivorceFiling,
    @Res({ passthrough: true }) response: Response,
  ): Promise<DivorceResult> {
    const result = await this.divorces.file(body);

    response.status(result.outcome === 'applied' ? HttpStatus.CREATED : HttpStatus.OK);

    return result;
  }

  @Post(':divorceId/finalize')
  @HttpCode(HttpStatus.OK)
  finalize(
    @Param(idPipe) params: { divorceId: string },
    @Body(new ZodValidationPipe(divorceFinalization)) body: DivorceFinalization,
  ): Promise<DivorceResult> {
    return this.divorces.finalize(params.divorceId, body.decision);
  }

  @Post(':divorceId/withdraw')
  @HttpCode(HttpStatus.OK)
  withdraw(
    @Param(idPipe) params: { divorceId: string },
    @Body(new ZodValidationPipe(divorceWithdrawal)) body: DivorceWithdrawal,
  ): Promise<DivorceResult> {
    return this.divorces.withdraw(params.divorceId, body.withdrawnOn);
  }

  @Get(':divorceId')
  get(@Param(idPipe) params: { divorceId: string }): Promise<DivorceView> {
    return this.divorces.get(params.divorceId);
  }
}
