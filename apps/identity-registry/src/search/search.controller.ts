import { Controller, Get, Query } from '@nestjs/common';

import { RequireScopes } from '@bitaqa/auth';
import { ZodValidationPipe } from '@bitaqa/http';

import { Callers } from '../agencies/auth/caller.guard';
import { IdentityScopes } from '../auth/scopes';

import {
  type IdentitySearchQuery,
  identitySearchQuery,
  toSearchCriteria,
} from './dto/identity-search.query';
import { IdentitySearch } from './identity-search.service';
import type { SearchPage } from './search-criteria';

@Controller('search/identities')
@RequireScopes(IdentityScopes.operate)
@Callers('operator')
export class SearchController {
  constructor(private readonly identities: IdentitySearch) {}

  /**
   * Finds identities whose name contains every word of `name` (Arabic or Latin), or the one
   * with `nationalNumber`. `motherName`, `birthPlace` (p-code prefix) and `birthYear` narrow
   * the search. Results come in national-number order, and `after` continues a page.
   */
  @Get()
  async search(
    @Query(new ZodValidationPipe(identitySearchQuery)) query: IdentitySearchQuery,
  ): Promise<SearchPage> {
    return this.identities.search(toSearchCriteria(query));
  }
}
