import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpStatus,
  Inject,
} from '@nestjs/common';
import type { Response } from 'express';

import { ApiError } from '@bitaqa/http';
import { currentCorrelationId, errorFields, type Logger } from '@bitaqa/observability';

import { LOGGER } from '../../core.module';

import { OAuthError } from './oauth-error';

/** Body of a token endpoint error: RFC 6749 `error` and `error_description`, and our details. */
export interface OAuthErrorBody {
  code: string;
  correlationId?: string;
  error: string;
  error_description: string;
  field?: string;
  hint?: string;
  value?: unknown;
}

function bodyOf(exception: unknown): { body: OAuthErrorBody; status: number } {
  if (exception instanceof ApiError) {
    const { field, hint, value } = exception.details;
    const error = exception instanceof OAuthError ? exception.oauthError : 'invalid_request';

    return {
      body: {
        code: exception.code,
        error,
        error_description: exception.message,
        field,
        hint,
        value,
      },
      status: exception.status,
    };
  }

  return {
    body: {
      code: 'INTERNAL_ERROR',
      error: 'server_error',
      error_description: 'internal error',
      hint: 'retry later; report the correlation id if it persists',
    },
    status: HttpStatus.INTERNAL_SERVER_ERROR,
  };
}

/** Writes the token endpoint's errors in the OAuth 2.0 shape, never cached. */
@Catch()
export class OAuthErrorFilter implements ExceptionFilter {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const { body, status } = bodyOf(exception);
    const headers = exception instanceof OAuthError ? exception.headers : {};

    body.correlationId = currentCorrelationId();

    if (status >= 500) {
      this.logger.error({ err: errorFields(exception), status }, 'token request failed');
    } else {
      this.logger.info({ code: body.code, error: body.error, status }, 'token request rejected');
    }

    if (headers.basicAuth === true) {
      response.setHeader('www-authenticate', 'Basic realm="bitaqa", error="invalid_client"');
    }

    if (headers.retryAfterSeconds !== undefined) {
      response.setHeader('retry-after', String(headers.retryAfterSeconds));
    }

    response.setHeader('cache-control', 'no-store');
    response.setHeader('pragma', 'no-cache');
    response.status(status).json(body);
  }
}
