import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';

import { CurrentPrincipal, type Principal, RequireScopes } from '@bitaqa/auth';
import { ZodValidationPipe } from '@bitaqa/http';

import { CIVIL_SCOPES } from '../auth/scopes';

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
  @RequireScopes(CIVIL_SCOPES.write)
  async file(
    @Body(new ZodValidationPipe(divorceFiling)) body: DivorceFiling,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: Response,
  ): Promise<DivorceResult> {
    const result = await this.divorces.file(body, principal.clientId);

    response.status(result.outcome === 'applied' ? HttpStatus.CREATED : HttpStatus.OK);

    return result;
  }

  @Post(':divorceId/finalize')
  @HttpCode(HttpStatus.OK)
  @RequireScopes(CIVIL_SCOPES.write)
  finalize(
    @Param(idPipe) params: { divorceId: string },
    @Body(new ZodValidationPipe(divorceFinalization)) body: DivorceFinalization,
    @CurrentPrincipal() principal: Principal,
  ): Promise<DivorceResult> {
    return this.divorces.finalize(params.divorceId, body.decision, principal.clientId);
  }

  @Post(':divorceId/withdraw')
  @HttpCode(HttpStatus.OK)
  @RequireScopes(CIVIL_SCOPES.write)
  withdraw(
    @Param(idPipe) params: { divorceId: string },
    @Body(new ZodValidationPipe(divorceWithdrawal)) body: DivorceWithdrawal,
    @CurrentPrincipal() principal: Principal,
  ): Promise<DivorceResult> {
    return this.divorces.withdraw(params.divorceId, body.withdrawnOn, principal.clientId);
  }

  @Get(':divorceId')
  @RequireScopes(CIVIL_SCOPES.read)
  get(@Param(idPipe) params: { divorceId: string }): Promise<DivorceView> {
    return this.divorces.get(params.divorceId);
  }
}
