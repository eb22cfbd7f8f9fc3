import { Controller, Get, Query } from '@nestjs/common';

import { ZodValidationPipe } from '@bitaqa/http';

import { Callers } from '../agencies/auth/caller.guard';

import {
  type IdentitySearchQuery,
  identitySearchQuery,
  toSearchCriteria,
} from './dto/identity-search.query';
import { IdentitySearch } from './identity-search.service';
import type { SearchPage } from './search-criteria';

@Controller('search/identities')
@Callers('operator')
export class SearchController {
  constructor(private readonly identities: IdentitySearch) {}

  /**
   * Finds identities whose name contains every word of `name` (Arabic or Latin) or that have
   * `nationalNumber`, narrowed by `motherName`, `birthPlace` (p-code prefix) and `birthYear`,
   * in national-number order; `after` continues from the previous page.
   */
  @Get()
  async search(
    @Query(new ZodValidationPipe(identitySearchQuery)) query: IdentitySearchQuery,
  ): Promise<SearchPage> {
    return this.identities.search(toSearchCriteria(query));
  }
}
