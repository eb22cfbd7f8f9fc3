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

/** Logs the end of the service, whether a signal or `close()` stopped it. */
@Injectable()
class ShutdownLogger implements OnApplicationShutdown {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  onApplicationShutdown(signal?: string): void {
    this.logger.info({ signal }, 'service stopped');
  }
}

/** Provides the configuration and the service logger to every module. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(config: AppConfig, logger: Logger): DynamicModule {
    return {
      exports: [APP_CONFIG, LOGGER],
      module: CoreModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: LOGGER, useValue: logger },
        ShutdownLogger,
      ],
    };
  }
}
