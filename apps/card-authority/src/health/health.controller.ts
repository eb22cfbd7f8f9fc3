import { Controller, Get, HttpStatus, Inject } from '@nestjs/common';

import { Public } from '@bitaqa/auth';
import { ApiError } from '@bitaqa/http';
import { errorFields, type Logger } from '@bitaqa/observability';

import { LOGGER } from '../core.module';
import { PrismaService } from '../database/prisma.service';

@Controller('health')
@Public()
export class HealthController {
  constructor(
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly prisma: PrismaService,
  ) {}

  /** Returns 200 when a database query succeeds and 503 when it fails. */
  @Get()
  async health(): Promise<{ database: 'up'; status: 'ok' }> {
    try {
      await this.prisma.$queryRaw`SELECT 1`;
    } catch (error) {
      this.logger.error({ err: errorFields(error) }, 'health check failed');
      throw new ApiError(
        HttpStatus.SERVICE_UNAVAILABLE,
        'DATABASE_UNAVAILABLE',
        'the card database does not answer',
        { hint: 'check DATABASE_URL and that PostgreSQL is running' },
      );
    }

    return { database: 'up', status: 'ok' };
  }
}
