import { Global, Module, type DynamicModule } from '@nestjs/common';

import type { OutboxRelay } from '@bitaqa/messaging';
import type { Logger } from '@bitaqa/observability';

import { CLOCK, type Clock } from '../calendar/clock';
import type { FuelAllocationConfig } from '../config';

import { CalendarService } from './calendar.service';
import { OutboxRelayLifecycle } from './outbox-relay.lifecycle';
import { PrismaService } from './prisma.service';
import { APP_CONFIG, LOGGER, OUTBOX_RELAY } from './tokens';

export interface InfrastructureDependencies {
  clock: Clock;
  config: FuelAllocationConfig;
  logger: Logger;
  relay: OutboxRelay;
}

/** Configuration, logger, clock, database and outbox relay, shared by every feature module. */
@Global()
@Module({})
export class InfrastructureModule {
  static register(dependencies: InfrastructureDependencies): DynamicModule {
    const providers = [
      { provide: APP_CONFIG, useValue: dependencies.config },
      { provide: CLOCK, useValue: dependencies.clock },
      { provide: LOGGER, useValue: dependencies.logger },
      { provide: OUTBOX_RELAY, useValue: dependencies.relay },
      CalendarService,
      OutboxRelayLifecycle,
      PrismaService,
    ];

    return {
      exports: providers.map((provider) => ('provide' in provider ? provider.provide : provider)),
      module: InfrastructureModule,
      providers,
    };
  }
}
