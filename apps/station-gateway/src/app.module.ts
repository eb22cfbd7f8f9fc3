import { Global, Module, type OnApplicationShutdown, type Type } from '@nestjs/common';

import { AuthModule } from '@bitaqa/auth';
import type { Logger } from '@bitaqa/observability';

import { requireStation } from './auth/station-binding';
import { CacheModule } from './cache/cache.module';
import { CardAuthModule } from './card-auth/card-auth.module';
import type { StationCardReader } from './card-reader/station-card-reader';
import type { StationConfig } from './config';
import { FuelAllocationModule } from './fuel-allocation/fuel-allocation.module';
import type { StationOutboxRelay } from './outbox/station-outbox-relay';
import { StationDatabase } from './sqlite/station-database';
import { ConsumerLagProbe } from './status/consumer-lag.probe';
import { StatusModule } from './status/status.module';
import { CARD_READER, LOGGER, STATION_CONFIG } from './tokens';
import { TransactionsModule } from './transactions/transactions.module';
import { TrustAnchorsModule } from './trust-anchors/trust-anchors.module';

/** Objects that bootstrap() opens before Nest starts, shared by every feature module. */
export interface StationRuntime {
  cardReader: StationCardReader;
  config: StationConfig;
  database: StationDatabase;
  lagProbe: ConsumerLagProbe;
  logger: Logger;
  outboxRelay: StationOutboxRelay;
}

/** Builds the root module around one station's runtime, so several stations fit in one process. */
export function createAppModule(runtime: StationRuntime): Type<unknown> {
  const providers = [
    { provide: CARD_READER, useValue: runtime.cardReader },
    { provide: ConsumerLagProbe, useValue: runtime.lagProbe },
    { provide: LOGGER, useValue: runtime.logger },
    { provide: STATION_CONFIG, useValue: runtime.config },
    { provide: StationDatabase, useValue: runtime.database },
  ];

  // Nest calls this after the HTTP server and the consumer have stopped, so nothing writes
  // to the database while it closes.
  @Global()
  @Module({ exports: providers.map((provider) => provider.provide), providers })
  class StationRuntimeModule implements OnApplicationShutdown {
    async onApplicationShutdown(): Promise<void> {
      await runtime.outboxRelay.stop();
      await runtime.lagProbe.close();
      await runtime.cardReader.close();
      await runtime.database.close();
      runtime.logger.info({}, 'service stopped');
    }
  }

  @Module({
    imports: [
      // NOTE: attendants' tokens come from the card authority, so a link outage longer than a
      // token's lifetime (300 s by default, 3,600 s at most) stops new attendant sessions even
      // though sales and card checks themselves work offline.
      AuthModule.forRoot({
        acceptPrincipal: requireStation(runtime.config.stationId),
        audience: 'station-gateway',
      }),
      CacheModule,
      CardAuthModule,
      FuelAllocationModule,
      StationRuntimeModule,
      StatusModule,
      TransactionsModule,
      TrustAnchorsModule,
    ],
  })
  class AppModule {}

  return AppModule;
}
