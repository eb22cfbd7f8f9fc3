import { Controller, Get } from '@nestjs/common';

import { type RegistryStats, StatsService } from './stats.service';

@Controller('stats')
export class StatsController {
  constructor(private readonly statsService: StatsService) {}

  @Get()
  async stats(): Promise<RegistryStats> {
    return this.statsService.stats();
  }
}
