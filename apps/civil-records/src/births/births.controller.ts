import { Body, Controller, HttpCode, HttpStatus, Post, Res } from '@nestjs/common';
import type { Response } from 'express';

import { ZodValidationPipe } from '@bitaqa/http';

import { batchBody, type BatchResponse } from '../registry/batch';

import { BirthsService } from './births.service';
import { birthRequest, type BirthRequest, type BirthResult } from './dto/birth.dto';

@Controller('births')
export class BirthsController {
  constructor(private readonly births: BirthsService) {}

  /** Registers a newborn into the father's family book: 201, or 200 for a replayed externalRef. */
  @Post()
  async register(
    @Body(new ZodValidationPipe(birthRequest)) body: BirthRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<BirthResult> {
    const result = await this.births.register(body);

    response.status(result.status === 'created' ? HttpStatus.CREATED : HttpStatus.OK);

    return result;
  }

  /** Registers up to 1,000 births and returns each item's result or error. */
  @Post('batch')
  @HttpCode(HttpStatus.OK)
  registerBatch(
    @Body(new ZodValidationPipe(batchBody)) body: unknown[],
  ): Promise<BatchResponse<BirthResult>> {
    return this.births.registerBatch(body);
  }
}
