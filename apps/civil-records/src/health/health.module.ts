import { Module } from '@nestjs/common';

import { HealthController } from './health.controller';
import { StatsService } from './stats.service';

@Module({ controllers: [HealthController], providers: [StatsService] })
export class HealthModule {}
