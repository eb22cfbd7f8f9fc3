import { Controller, Get, HttpStatus } from '@nestjs/common';

import { Public } from '@bitaqa/auth';
import { ApiError } from '@bitaqa/http';

import { detailsWith } from '../infrastructure/error-details';
import { PrismaService } from '../infrastructure/prisma.service';

@Controller('health')
export class HealthController {
  constructor(private readonly prisma: PrismaService) {}

  /** Returns 200 while the database responds and 503 otherwise, so load balancers stop routing. */
  @Get()
  @Public()
  async check(): Promise<{ database: 'ok'; service: string; status: 'ok' }> {
    try {
      await this.prisma.$queryRaw`SELECT 1`;
    } catch (error) {
      throw new ApiError(
        HttpStatus.SERVICE_UNAVAILABLE,
        'DATABASE_UNAVAILABLE',
        'database is not reachable',
        detailsWith(
          { hint: 'check DATABASE_URL and that PostgreSQL is running' },
          { cause: (error as Error).message },
        ),
      );
    }

    return { database: 'ok', service: 'fuel-allocation', status: 'ok' };
  }
}
