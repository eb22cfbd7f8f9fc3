import { Body, Controller, HttpCode, HttpStatus, Post, Res } from '@nestjs/common';
import type { Response } from 'express';

import { CurrentPrincipal, type Principal, RequireScopes } from '@bitaqa/auth';
import { ZodValidationPipe } from '@bitaqa/http';

import { CIVIL_SCOPES } from '../auth/scopes';
import { batchBody, type BatchResponse } from '../registry/batch';

import { DeathsService } from './deaths.service';
import { deathRequest, type DeathRequest, type DeathResult } from './dto/death.dto';

@Controller('deaths')
@RequireScopes(CIVIL_SCOPES.write)
export class DeathsController {
  constructor(private readonly deaths: DeathsService) {}

  /** Registers a death and updates the family books that list the person: 201, or 200 when registered before. */
  @Post()
  async register(
    @Body(new ZodValidationPipe(deathRequest)) body: DeathRequest,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: Response,
  ): Promise<DeathResult> {
    const result = await this.deaths.register(body, principal.clientId);

    response.status(result.status === 'created' ? HttpStatus.CREATED : HttpStatus.OK);

    return result;
  }

  /** Registers up to 1,000 deaths and returns each item's result or error. */
  @Post('batch')
  @HttpCode(HttpStatus.OK)
  registerBatch(
    @Body(new ZodValidationPipe(batchBody)) body: unknown[],
    @CurrentPrincipal() principal: Principal,
  ): Promise<BatchResponse<DeathResult>> {
    return this.deaths.registerBatch(body, principal.clientId);
  }
}
