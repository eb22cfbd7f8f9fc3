import { Controller, Get, Inject } from '@nestjs/common';

import { Public, RequireScopes } from '@bitaqa/auth';
import { ApiError } from '@bitaqa/http';
import { errorFields, type Logger } from '@bitaqa/observability';

import { CIVIL_SCOPES } from '../auth/scopes';
import { PrismaService } from '../infrastructure/prisma.service';
import { LOGGER } from '../infrastructure/tokens';

import { StatsService, type RegisterStats } from './stats.service';

@Controller()
export class HealthController {
  constructor(
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly prisma: PrismaService,
    private readonly stats: StatsService,
  ) {}

  /** Reports whether the service can reach its database. */
  @Get('health')
  @Public()
  async health(): Promise<{ database: 'up'; status: 'ok' }> {
    try {
      await this.prisma.$queryRawUnsafe('SELECT 1');
    } catch (error) {
      this.logger.error({ err: errorFields(error) }, 'health check failed');
      throw new ApiError(503, 'DATABASE_UNAVAILABLE', 'the database does not respond', {
        hint: 'check DATABASE_URL and that PostgreSQL is running',
      });
    }

    return { database: 'up', status: 'ok' };
  }

  @Get('stats')
  @RequireScopes(CIVIL_SCOPES.read)
  counts(): Promise<RegisterStats> {
    return this.stats.counts();
  }
}
