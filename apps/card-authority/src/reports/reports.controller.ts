import { Controller, Get } from '@nestjs/common';

import { ReportsService, type CardStats } from './reports.service';

@Controller()
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  /** Card counts by status. */
  @Get('stats')
  stats(): Promise<CardStats> {
    return this.reports.stats();
  }
}
