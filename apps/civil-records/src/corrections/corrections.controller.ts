import { Body, Controller, Get, Param, Post, Res, HttpStatus } from '@nestjs/common';
import type { Response } from 'express';

import { CurrentPrincipal, type Principal, RequireScopes } from '@bitaqa/auth';
import { ZodValidationPipe } from '@bitaqa/http';

import { CIVIL_SCOPES } from '../auth/scopes';

import { CorrectionsService } from './corrections.service';
import {
  correctionIdParams,
  correctionRequest,
  type CorrectionRequest,
  type CorrectionResult,
  type CorrectionView,
} from './dto/correction.dto';

@Controller('corrections')
export class CorrectionsController {
  constructor(private readonly corrections: CorrectionsService) {}

  /** Applies a court-ordered correction: 201, or 200 when the decision was applied before. */
  @Post()
  @RequireScopes(CIVIL_SCOPES.write)
  async correct(
    @Body(new ZodValidationPipe(correctionRequest)) body: CorrectionRequest,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CorrectionResult> {
    const result = await this.corrections.correct(body, principal.clientId);

    response.status(result.status === 'created' ? HttpStatus.CREATED : HttpStatus.OK);

    return result;
  }

  @Get(':correctionId')
  @RequireScopes(CIVIL_SCOPES.read)
  get(
    @Param(new ZodValidationPipe(correctionIdParams)) params: { correctionId: string },
  ): Promise<CorrectionView> {
    return this.corrections.get(params.correctionId);
  }
}
