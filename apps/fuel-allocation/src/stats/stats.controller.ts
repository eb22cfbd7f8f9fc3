import { Controller, Get } from '@nestjs/common';

import { RequireScopes } from '@bitaqa/auth';

import { FuelScopes } from '../auth/scopes';

import { StatsService, type Stats } from './stats.service';

@Controller('stats')
@RequireScopes(FuelScopes.read)
export class StatsController {
  constructor(private readonly stats: StatsService) {}

  @Get()
  collect(): Promise<Stats> {
    return this.stats.collect();
  }
}
