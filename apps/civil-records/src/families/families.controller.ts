import { Controller, Get, Param, Query } from '@nestjs/common';

import { RequireScopes } from '@bitaqa/auth';
import { ZodValidationPipe } from '@bitaqa/http';

import { CIVIL_SCOPES } from '../auth/scopes';
import { Clock } from '../infrastructure/clock';
import { asOfQuery, type AsOfQuery } from '../persons/dto/person-view.dto';
import { requireNotInFuture } from '../registry/rules';

import { FamiliesService } from './families.service';
import { familyIdParams, type FamilyView } from './family-view';

@Controller('families')
@RequireScopes(CIVIL_SCOPES.read)
export class FamiliesController {
  constructor(
    private readonly clock: Clock,
    private readonly families: FamiliesService,
  ) {}

  /** Returns the book now, or with `asOf` as it stood on that date. */
  @Get(':familyId')
  get(
    @Param(new ZodValidationPipe(familyIdParams)) params: { familyId: string },
    @Query(new ZodValidationPipe(asOfQuery)) query: AsOfQuery,
  ): Promise<FamilyView> {
    if (query.asOf === undefined) return this.families.get(params.familyId);

    requireNotInFuture(query.asOf, this.clock.today(), 'asOf');

    return this.families.getAsOf(params.familyId, query.asOf);
  }
}
