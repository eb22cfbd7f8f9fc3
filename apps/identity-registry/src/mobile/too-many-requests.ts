import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpStatus,
  Inject,
} from '@nestjs/common';
import type { Response } from 'express';

import { ApiError, type ApiErrorDetails, ApiErrorFilter } from '@bitaqa/http';
import type { Logger } from '@bitaqa/observability';

import { LOGGER } from '../core.module';

/** 429 with the seconds to wait, sent as the `Retry-After` header and in the body. */
export class TooManyRequestsError extends ApiError {
  constructor(
    code: string,
    message: string,
    readonly retryAfterSeconds: number,
    details: ApiErrorDetails = {},
  ) {
    super(HttpStatus.TOO_MANY_REQUESTS, code, message, {
      ...details,
      ...({ retryAfterSeconds } as object),
    });
  }
}

/** Sets `Retry-After`, then writes the usual error body. */
@Catch(TooManyRequestsError)
export class RetryAfterFilter implements ExceptionFilter<TooManyRequestsError> {
  private readonly errors: ApiErrorFilter;

  constructor(@Inject(LOGGER) logger: Logger) {
    this.errors = new ApiErrorFilter(logger);
  }

  catch(exception: TooManyRequestsError, host: ArgumentsHost): void {
    host
      .switchToHttp()
      .getResponse<Response>()
      .setHeader('Retry-After', String(exception.retryAfterSeconds));
    this.errors.catch(exception, host);
  }
}
