import { Controller, Get } from '@nestjs/common';

import { RequireScopes } from '@bitaqa/auth';

import { AuthorityScopes } from '../auth/scopes';

import { ReportsService, type CardStats } from './reports.service';

@Controller()
@RequireScopes(AuthorityScopes.cards)
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  /** Card counts by status. */
  @Get('stats')
  stats(): Promise<CardStats> {
    return this.reports.stats();
  }
}
