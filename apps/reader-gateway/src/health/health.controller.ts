import { Controller, Get, HttpStatus, Inject } from '@nestjs/common';

import { Public } from '@bitaqa/auth';
import { ApiError } from '@bitaqa/http';
import { errorFields, type Logger } from '@bitaqa/observability';

import type { ReaderGatewayConfig } from '../config';
import { EncoderRepository } from '../encoders/encoder.repository';
import { PrismaService } from '../infrastructure/prisma.service';
import { GATEWAY_CONFIG, LOGGER } from '../infrastructure/tokens';

export interface HealthReport {
  database: 'up';
  /** Encoders that are offline: their reader is missing or pcscd does not respond. */
  offlineEncoders: string[];
  status: 'degraded' | 'ok';
}

@Controller('health')
@Public()
export class HealthController {
  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: ReaderGatewayConfig,
    private readonly encoders: EncoderRepository,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly prisma: PrismaService,
  ) {}

  /** Returns 200 while the database responds (`degraded` when an encoder is offline), else 503. */
  @Get()
  async health(): Promise<HealthReport> {
    try {
      await this.prisma.$queryRaw`SELECT 1`;
    } catch (error) {
      this.logger.error({ err: errorFields(error) }, 'health check failed');
      throw new ApiError(
        HttpStatus.SERVICE_UNAVAILABLE,
        'DATABASE_UNAVAILABLE',
        'the reader-gateway database does not respond',
        {
          hint: 'check DATABASE_URL and that PostgreSQL is running',
        },
      );
    }

    const states = await this.encoders.list(this.config.encoders.map((encoder) => encoder.id));
    const offlineEncoders = states
      .filter((state) => state.status === 'offline')
      .map((state) => state.id);

    return {
      database: 'up',
      offlineEncoders,
      status: offlineEncoders.length === 0 ? 'ok' : 'degraded',
    };
  }
}
