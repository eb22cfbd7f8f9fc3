import { Body, Controller, HttpCode, HttpStatus, Post, Res } from '@nestjs/common';
import type { Response } from 'express';

import { CurrentPrincipal, type Principal, RequireScopes } from '@bitaqa/auth';
import { ZodValidationPipe } from '@bitaqa/http';

import { CIVIL_SCOPES } from '../auth/scopes';
import { batchBody, type BatchResponse } from '../registry/batch';

import { MarriagesService } from './marriages.service';
import { marriageRequest, type MarriageRequest, type MarriageResult } from './dto/marriage.dto';

@Controller('marriages')
@RequireScopes(CIVIL_SCOPES.write)
export class MarriagesController {
  constructor(private readonly marriages: MarriagesService) {}

  /** Registers a marriage into the husband's family book: 201, or 200 when it was registered before. */
  @Post()
  async register(
    @Body(new ZodValidationPipe(marriageRequest)) body: MarriageRequest,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: Response,
  ): Promise<MarriageResult> {
    const result = await this.marriages.register(body, principal.clientId);

    response.status(result.status === 'created' ? HttpStatus.CREATED : HttpStatus.OK);

    return result;
  }

  /** Registers up to 1,000 marriages in order and returns each item's result or error. */
  @Post('batch')
  @HttpCode(HttpStatus.OK)
  registerBatch(
    @Body(new ZodValidationPipe(batchBody)) body: unknown[],
    @CurrentPrincipal() principal: Principal,
  ): Promise<BatchResponse<MarriageResult>> {
    return this.marriages.registerBatch(body, principal.clientId);
  }
}
