import { Controller, Get, Param } from '@nestjs/common';

import { Public } from '@bitaqa/auth';
import { ZodValidationPipe } from '@bitaqa/http';

import { serviceParams, type ServiceParams } from '../dto/params';

import { type CatalogEntry, CatalogService } from './catalog.service';

/** The public catalog of services on the card, open to anyone without a token. */
@Controller('services')
@Public()
export class CatalogController {
  constructor(private readonly catalog: CatalogService) {}

  @Get()
  async list(): Promise<{ items: CatalogEntry[] }> {
    return { items: await this.catalog.list() };
  }

  @Get(':serviceId')
  get(@Param(new ZodValidationPipe(serviceParams)) params: ServiceParams): Promise<CatalogEntry> {
    return this.catalog.get(params.serviceId);
  }
}
