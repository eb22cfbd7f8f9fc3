import { Controller, Get, Param, Query } from '@nestjs/common';

import { ZodValidationPipe } from '@bitaqa/http';

import { type IdentitySearch, identitySearchQuery } from './dto/identity-search.query';
import { type NationalNumberParams, nationalNumberParams } from './dto/national-number.params';
import { type IdentityPage, IdentityQueries } from './identity-query.service';
import type { IdentityView } from './identity-view';

@Controller('identities')
export class IdentitiesController {
  constructor(private readonly queries: IdentityQueries) {}

  /** Name search: `?name=` in Arabic, `limit` 1-100 (default 20), `offset`. */
  @Get()
  async search(
    @Query(new ZodValidationPipe(identitySearchQuery)) search: IdentitySearch,
  ): Promise<IdentityPage> {
    return this.queries.search(search);
  }

  @Get(':nationalNumber')
  async get(
    @Param(new ZodValidationPipe(nationalNumberParams)) params: NationalNumberParams,
  ): Promise<IdentityView> {
    return this.queries.get(params.nationalNumber);
  }
}
