import {
  type DynamicModule,
  Global,
  Inject,
  Injectable,
  Module,
  type OnApplicationShutdown,
} from '@nestjs/common';

import type { Logger } from '@bitaqa/observability';

import { APP_CONFIG, type AppConfig } from './config';

export const LOGGER = Symbol('LOGGER');

/** Injection token of the service's `Clock`. */
export const CLOCK = Symbol('CLOCK');

/** Source of the current instant; tests pass a fixed or movable clock to `bootstrap`. */
export interface Clock {
  now(): Date;
}

export const SYSTEM_CLOCK: Clock = { now: () => new Date() };

/** Logs the end of the service, whether a signal or `close()` stopped it. */
@Injectable()
class ShutdownLogger implements OnApplicationShutdown {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  onApplicationShutdown(signal?: string): void {
    this.logger.info({ signal }, 'service stopped');
  }
}

/** Provides the configuration, the clock and the service logger to every module. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(config: AppConfig, logger: Logger, clock: Clock = SYSTEM_CLOCK): DynamicModule {
    return {
      exports: [APP_CONFIG, CLOCK, LOGGER],
      module: CoreModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: CLOCK, useValue: clock },
        { provide: LOGGER, useValue: logger },
        ShutdownLogger,
      ],
    };
  }
}
