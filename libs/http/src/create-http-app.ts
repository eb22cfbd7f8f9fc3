import type { INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';

import { NestJsonLogger, type Logger } from '@bitaqa/observability';

import { correlationMiddleware } from './correlation.middleware';
import { ApiErrorFilter } from './error-filter';
import { JSON_MEDIA_TYPE, jsonMediaTypeMiddleware } from './media-type.middleware';

export interface HttpAppOptions {
  /** Largest JSON body accepted, such as `1mb`; bulk import endpoints raise it. */
  bodyLimit?: string;
  logger: Logger;
}

/**
 * Creates a Nest HTTP app with JSON logs, correlation ids, JSON-only request bodies and coded
 * error bodies.
 */
export async function createHttpApp(
  module: Type<unknown>,
  options: HttpAppOptions,
): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(module, {
    bodyParser: false,
    logger: new NestJsonLogger(options.logger),
  });

  app.use(correlationMiddleware);
  app.use(jsonMediaTypeMiddleware);
  app.useBodyParser('json', { limit: options.bodyLimit ?? '1mb', type: JSON_MEDIA_TYPE });
  app.useGlobalFilters(new ApiErrorFilter(options.logger));
  // process.exit after the hooks, not a re-sent signal, so the last log lines are flushed.
  app.enableShutdownHooks(undefined, { useProcessExit: true });

  return app;
}
