import { type DynamicModule, Global, Module } from '@nestjs/common';

import type { OutboxRelay } from '@bitaqa/messaging';
import type { Logger } from '@bitaqa/observability';

import type { CivilRecordsConfig } from '../config';

import { Clock } from './clock';
import { OutboxRelayHost } from './outbox-relay.host';
import { PrismaService } from './prisma.service';
import { CIVIL_CONFIG, LOGGER, OUTBOX_RELAY } from './tokens';

/** Configuration, logger, database client, clock and outbox relay of one app instance. */
@Global()
@Module({})
export class InfrastructureModule {
  static forRoot(config: CivilRecordsConfig, logger: Logger, relay: OutboxRelay): DynamicModule {
    return {
      exports: [CIVIL_CONFIG, Clock, LOGGER, PrismaService],
      module: InfrastructureModule,
      providers: [
        { provide: CIVIL_CONFIG, useValue: config },
        { provide: LOGGER, useValue: logger },
        { provide: OUTBOX_RELAY, useValue: relay },
        Clock,
        OutboxRelayHost,
        PrismaService,
      ],
    };
  }
}
