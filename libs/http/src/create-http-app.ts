import type { INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';

import { NestJsonLogger, type Logger } from '@bitaqa/observability';

import { correlationMiddleware } from './correlation.middleware';
import { ApiErrorFilter } from './error-filter';
import { FORM_MEDIA_TYPE, JSON_MEDIA_TYPE, mediaTypeMiddleware } from './media-type.middleware';

export interface HttpAppOptions {
  /** Largest JSON body accepted, such as `1mb`; bulk import endpoints raise it. */
  bodyLimit?: string;
  /**
   * Exact paths that also accept `application/x-www-form-urlencoded` bodies, such as an OAuth 2.0
   * token endpoint; every other path accepts JSON only.
   */
  formBodyPaths?: readonly string[];
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
  app.use(mediaTypeMiddleware(options.formBodyPaths ?? []));
  app.useBodyParser('json', { limit: options.bodyLimit ?? '1mb', type: JSON_MEDIA_TYPE });

  if ((options.formBodyPaths ?? []).length > 0) {
    // The media type middleware has already rejected form bodies on every other path.
    app.useBodyParser('urlencoded', { extended: false, limit: '16kb', type: FORM_MEDIA_TYPE });
  }

  app.useGlobalFilters(new ApiErrorFilter(options.logger));
  // process.exit after the hooks, not a re-sent signal, so the last log lines are flushed.
  app.enableShutdownHooks(undefined, { useProcessExit: true });

  return app;
}
