import { Module, type Type } from '@nestjs/common';

import { AuthModule } from '@bitaqa/auth';
import type { OutboxRelay } from '@bitaqa/messaging';
import type { Logger } from '@bitaqa/observability';

import type { ReaderGatewayConfig } from './config';
import { EncodersModule } from './encoders/encoders.module';
import { HealthModule } from './health/health.module';
import { type GatewayEdges, InfrastructureModule } from './infrastructure/infrastructure.module';
import { JobsModule } from './jobs/jobs.module';

/** Builds the root module of one gateway instance around its configuration, logger, relay and edges. */
export function createAppModule(
  config: ReaderGatewayConfig,
  logger: Logger,
  relay: OutboxRelay,
  edges: GatewayEdges,
): Type<unknown> {
  @Module({
    imports: [
      AuthModule.forRoot({ audience: 'reader-gateway' }),
      InfrastructureModule.forRoot(config, logger, relay, edges),
      EncodersModule,
      HealthModule,
      JobsModule,
    ],
  })
  class AppModule {}

  return AppModule;
}
