import { type DynamicModule, Global, Module } from '@nestjs/common';

import type { OutboxRelay } from '@bitaqa/messaging';
import type { Logger } from '@bitaqa/observability';

import type { ReaderGatewayConfig } from '../config';

import { Clock } from './clock';
import { OutboxRelayHost } from './outbox-relay.host';
import { PrismaService } from './prisma.service';
import { GATEWAY_CONFIG, LOGGER, OUTBOX_RELAY } from './tokens';

/** Configuration, logger, clock, database client and outbox relay of one gateway instance. */
@Global()
@Module({})
export class InfrastructureModule {
  static forRoot(config: ReaderGatewayConfig, logger: Logger, relay: OutboxRelay): DynamicModule {
    return {
      exports: [Clock, GATEWAY_CONFIG, LOGGER, PrismaService],
      module: InfrastructureModule,
      providers: [
        { provide: GATEWAY_CONFIG, useValue: config },
        { provide: LOGGER, useValue: logger },
        { provide: OUTBOX_RELAY, useValue: relay },
        Clock,
        OutboxRelayHost,
        PrismaService,
      ],
    };
  }
}
