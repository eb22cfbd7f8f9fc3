import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';

import { RequireScopes } from '@bitaqa/auth';
import { ZodValidationPipe } from '@bitaqa/http';

import { Callers } from '../agencies/auth/caller.guard';
import { IdentityScopes } from '../auth/scopes';

import type { CaseDetailView } from './duplicate-case-view';
import { type CasePage, DuplicateQueries } from './duplicate-queries.service';
import { DuplicateResolutions } from './duplicate-resolution.service';
import {
  type CaseIdParams,
  caseIdParams,
  type CaseListQuery,
  caseListQuery,
  type ResolveCaseBody,
  resolveCaseBody,
} from './dto/duplicate-requests';

/** The duplicate review queue, for registry operators. */
@Controller('duplicates')
@RequireScopes(IdentityScopes.operate)
@Callers('operator')
export class DuplicatesController {
  constructor(
    private readonly queries: DuplicateQueries,
    private readonly resolutions: DuplicateResolutions,
  ) {}

  @Get()
  async list(@Query(new ZodValidationPipe(caseListQuery)) query: CaseListQuery): Promise<CasePage> {
    return this.queries.list(query.status, query.limit, query.offset);
  }

  @Get(':id')
  async get(
    @Param(new ZodValidationPipe(caseIdParams)) params: CaseIdParams,
  ): Promise<CaseDetailView> {
    return this.queries.get(params.id);
  }

  /** Merges the pair into one identity or records it as two people; either closes the case. */
  @Post(':id/resolve')
  @HttpCode(200)
  async resolve(
    @Param(new ZodValidationPipe(caseIdParams)) params: CaseIdParams,
    @Body(new ZodValidationPipe(resolveCaseBody)) body: ResolveCaseBody,
  ): Promise<CaseDetailView> {
    const resolved = await this.resolutions.resolve(params.id, body);

    return this.queries.detail(resolved);
  }
}
