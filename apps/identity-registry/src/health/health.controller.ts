import { Controller, Get, HttpStatus, Inject } from '@nestjs/common';

import { Public } from '@bitaqa/auth';
import { ApiError } from '@bitaqa/http';
import { errorFields, type Logger } from '@bitaqa/observability';

import { RedisClient } from '../cache/redis-client.service';
import { LOGGER } from '../core.module';
import { PrismaService } from '../database/prisma.service';

export interface HealthReport {
  database: 'up';
  /** Without Redis the service still serves requests from the database alone. */
  redis: 'down' | 'up';
  status: 'degraded' | 'ok';
}

/** Open to everyone, so load balancers and orchestrators can probe it without a token. */
@Controller('health')
@Public()
export class HealthController {
  constructor(
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly prisma: PrismaService,
    private readonly redisClient: RedisClient,
  ) {}

  /** Returns 200 while the database responds (`degraded` without Redis), else 503. */
  @Get()
  async health(): Promise<HealthReport> {
    try {
      await this.prisma.$queryRaw`SELECT 1`;
    } catch (error) {
      this.logger.error({ err: errorFields(error) }, 'health check failed');
      throw new ApiError(
        HttpStatus.SERVICE_UNAVAILABLE,
        'DATABASE_UNAVAILABLE',
        'the identity database does not answer',
        { hint: 'check DATABASE_URL and that PostgreSQL is running' },
      );
    }

    const redis = await this.pingRedis();

    return { database: 'up', redis, status: redis === 'up' ? 'ok' : 'degraded' };
  }

  private async pingRedis(): Promise<'down' | 'up'> {
    try {
      await this.redisClient.redis.ping();

      return 'up';
    } catch (error) {
      this.logger.warn({ err: errorFields(error) }, 'redis health check failed');

      return 'down';
    }
  }
}
