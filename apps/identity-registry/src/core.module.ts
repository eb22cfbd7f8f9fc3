import { type DynamicModule, Global, Module } from '@nestjs/common';

import type { Logger } from '@bitaqa/observability';

import { APP_CONFIG, type AppConfig } from './config';

export const LOGGER = Symbol('LOGGER');

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
      ],
    };
  }
}
