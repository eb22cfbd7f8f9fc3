import { Controller, Get, Query } from '@nestjs/common';

import { ZodValidationPipe } from '@bitaqa/http';

import { hotlistQuery, type HotlistQuery } from './dto/hotlist.query';
import { ReportsService, type CardStats, type HotlistPage } from './reports.service';

@Controller()
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  /** Issued cards in a status a station must reject (lost, stolen, suspended, revoked...). */
  @Get('hotlist')
  hotlist(@Query(new ZodValidationPipe(hotlistQuery)) query: HotlistQuery): Promise<HotlistPage> {
    return this.reports.hotlist(query.after, query.limit);
  }

  /** Card counts by status. */
  @Get('stats')
  stats(): Promise<CardStats> {
    return this.reports.stats();
  }
}
