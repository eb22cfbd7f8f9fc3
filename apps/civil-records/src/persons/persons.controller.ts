import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';

import { CurrentPrincipal, type Principal, RequireScopes } from '@bitaqa/auth';
import { ZodValidationPipe } from '@bitaqa/http';

import { CIVIL_SCOPES } from '../auth/scopes';
import { Clock } from '../infrastructure/clock';
import { requireNotInFuture } from '../registry/rules';

import { importBody, type ImportResponse } from './dto/import-row.dto';
import {
  asOfQuery,
  nationalNumberParams,
  type AsOfQuery,
  type PersonHistory,
  type PersonView,
} from './dto/person-view.dto';
import { ImportService } from './import.service';
import { PersonTimeline } from './person-timeline.service';
import { PersonsService } from './persons.service';

@Controller('persons')
export class PersonsController {
  constructor(
    private readonly clock: Clock,
    private readonly importer: ImportService,
    private readonly persons: PersonsService,
    private readonly timeline: PersonTimeline,
  ) {}

  /** Imports up to 5,000 persons of the existing register and returns their national numbers. */
  @Post('import')
  @HttpCode(HttpStatus.OK)
  @RequireScopes(CIVIL_SCOPES.write)
  importPersons(
    @Body(new ZodValidationPipe(importBody)) body: unknown[],
    @CurrentPrincipal() principal: Principal,
  ): Promise<ImportResponse> {
    return this.importer.importRows(body, principal.clientId);
  }

  /** Returns the person now, or with `asOf` as they stood on that date. */
  @Get(':nationalNumber')
  @RequireScopes(CIVIL_SCOPES.read)
  get(
    @Param(new ZodValidationPipe(nationalNumberParams)) params: { nationalNumber: string },
    @Query(new ZodValidationPipe(asOfQuery)) query: AsOfQuery,
  ): Promise<PersonView> {
    if (query.asOf === undefined) return this.persons.get(params.nationalNumber);

    requireNotInFuture(query.asOf, this.clock.today(), 'asOf');

    return this.timeline.asOf(params.nationalNumber, query.asOf);
  }

  /** Lists every change to the person with its effective date, recording time and decision. */
  @Get(':nationalNumber/history')
  @RequireScopes(CIVIL_SCOPES.read)
  history(
    @Param(new ZodValidationPipe(nationalNumberParams)) params: { nationalNumber: string },
  ): Promise<PersonHistory> {
    return this.timeline.history(params.nationalNumber);
  }
}
