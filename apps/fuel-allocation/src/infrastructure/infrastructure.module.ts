import { Global, Module, type DynamicModule } from '@nestjs/common';

import type { TokenSource } from '@bitaqa/auth';
import type { OutboxRelay } from '@bitaqa/messaging';
import type { Logger } from '@bitaqa/observability';

import { CLOCK, type Clock } from '../calendar/clock';
import type { FuelAllocationConfig } from '../config';

import { CalendarService } from './calendar.service';
import { identityRegistryTokenSource } from './identity-registry-tokens';
import { OutboxRelayLifecycle } from './outbox-relay.lifecycle';
import { PrismaService } from './prisma.service';
import { APP_CONFIG, IDENTITY_REGISTRY_TOKENS, LOGGER, OUTBOX_RELAY } from './tokens';

export interface InfrastructureDependencies {
  clock: Clock;
  config: FuelAllocationConfig;
  /** Replaces the tokens built from the configured credential; tests sign their own. */
  identityRegistryTokens?: TokenSource | undefined;
  logger: Logger;
  relay: OutboxRelay;
}

/**
 * Configuration, logger, clock, database, outbox relay and the identity registry's tokens,
 * shared by every feature module.
 */
@Global()
@Module({})
export class InfrastructureModule {
  static register(dependencies: InfrastructureDependencies): DynamicModule {
    const providers = [
      { provide: APP_CONFIG, useValue: dependencies.config },
      { provide: CLOCK, useValue: dependencies.clock },
      {
        provide: IDENTITY_REGISTRY_TOKENS,
        useValue:
          dependencies.identityRegistryTokens ?? identityRegistryTokenSource(dependencies.config),
      },
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
