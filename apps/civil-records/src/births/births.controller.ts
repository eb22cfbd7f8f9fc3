import { Body, Controller, HttpCode, HttpStatus, Post, Res } from '@nestjs/common';
import type { Response } from 'express';

import { CurrentPrincipal, type Principal, RequireScopes } from '@bitaqa/auth';
import { ZodValidationPipe } from '@bitaqa/http';

import { CIVIL_SCOPES } from '../auth/scopes';
import { batchBody, type BatchResponse } from '../registry/batch';

import { BirthsService } from './births.service';
import { birthRequest, type BirthRequest, type BirthResult } from './dto/birth.dto';

@Controller('births')
@RequireScopes(CIVIL_SCOPES.write)
export class BirthsController {
  constructor(private readonly births: BirthsService) {}

  /** Registers a newborn into the father's family book: 201, or 200 for a replayed externalRef. */
  @Post()
  async register(
    @Body(new ZodValidationPipe(birthRequest)) body: BirthRequest,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: Response,
  ): Promise<BirthResult> {
    const result = await this.births.register(body, principal.clientId);

    response.status(result.status === 'created' ? HttpStatus.CREATED : HttpStatus.OK);

    return result;
  }

  /** Registers up to 1,000 births and returns each item's result or error. */
  @Post('batch')
  @HttpCode(HttpStatus.OK)
  registerBatch(
    @Body(new ZodValidationPipe(batchBody)) body: unknown[],
    @CurrentPrincipal() principal: Principal,
  ): Promise<BatchResponse<BirthResult>> {
    return this.births.registerBatch(body, principal.clientId);
  }
}
