import { Controller, Get } from '@nestjs/common';

import { Public } from '@bitaqa/auth';

import { type RegistryStats, StatsService } from './stats.service';

/** Counts of identities by status; open, because they reveal nothing about any one person. */
@Controller('stats')
@Public()
export class StatsController {
  constructor(private readonly statsService: StatsService) {}

  @Get()
  async stats(): Promise<RegistryStats> {
    return this.statsService.stats();
  }
}
