import { Controller, Get } from '@nestjs/common';

import { StatsService, type Stats } from './stats.service';

@Controller('stats')
export class StatsController {
  constructor(private readonly stats: StatsService) {}

  @Get()
  collect(): Promise<Stats> {
    return this.stats.collect();
  }
}
