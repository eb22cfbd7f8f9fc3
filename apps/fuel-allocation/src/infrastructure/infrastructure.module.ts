import { Global, Module, type DynamicModule } from '@nestjs/common';

import { CLOCK, type Clock } from '../calendar/clock';
import type { FuelAllocationConfig } from '../config';
import type { Logger } from '@bitaqa/observability';

import { CalendarService } from './calendar.service';
import { PrismaService } from './prisma.service';
import { APP_CONFIG, LOGGER } from './tokens';

export interface InfrastructureDependencies {
  clock: Clock;
  config: FuelAllocationConfig;
  logger: Logger;
}

/** Configuration, logger, clock and database, shared by every feature module. */
@Global()
@Module({})
export class InfrastructureModule {
  static register(dependencies: InfrastructureDependencies): DynamicModule {
    const providers = [
      { provide: APP_CONFIG, useValue: dependencies.config },
      { provide: CLOCK, useValue: dependencies.clock },
      { provide: LOGGER, useValue: dependencies.logger },
      CalendarService,
      PrismaService,
    ];

    return {
      exports: providers.map((provider) => ('provide' in provider ? provider.provide : provider)),
      module: InfrastructureModule,
      providers,
    };
  }
}
