import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  HttpStatus,
} from '@nestjs/common';
import type { Request, Response } from 'express';

import { currentCorrelationId, errorFields, type Logger } from '@bitaqa/observability';

import { ApiError, type ErrorBody } from './api-error';

/** Maximum length of the request path echoed in a ROUTE_NOT_FOUND body. */
const MAX_ECHOED_PATH = 200;

/** Nest's fallback handler throws this exception when no route matches the request. */
function isUnmatchedRoute(exception: unknown): exception is HttpException {
  return (
    exception instanceof HttpException &&
    exception.getStatus() === HttpStatus.NOT_FOUND &&
    /^Cannot [A-Z]+ /.test(exception.message)
  );
}

function routeNotFoundBody(request: Request): ErrorBody {
  const path = request.path.slice(0, MAX_ECHOED_PATH);

  return {
    error: {
      code: 'ROUTE_NOT_FOUND',
      details: { method: request.method, path },
      field: 'path',
      hint: "check the method and path against the service's README",
      message: `no route matches ${request.method} ${path}`,
      value: path,
    },
  };
}

function bodyFromHttpException(exception: HttpException): ErrorBody {
  const status = exception.getStatus();
  const response = exception.getResponse() as { message?: unknown } | string;
  const message =
    typeof response === 'string' ? response : String(response.message ?? exception.message);

  // Express' JSON parser reports a malformed body as a 400 whose message names the parse error.
  const code =
    status === HttpStatus.BAD_REQUEST && /JSON/i.test(message)
      ? 'MALFORMED_JSON'
      : `HTTP_${status}`;

  return {
    error: {
      code,
      hint: code === 'MALFORMED_JSON' ? 'send a valid JSON body' : undefined,
      message,
    },
  };
}

function statusOf(exception: unknown): number {
  if (exception instanceof ApiError) return exception.status;
  if (exception instanceof HttpException) return exception.getStatus();

  const status = (exception as { status?: unknown; type?: unknown } | null)?.status;

  // body-parser throws plain errors with a 4xx status for malformed or oversized bodies.
  return typeof status === 'number' && status >= 400 && status < 500
    ? status
    : HttpStatus.INTERNAL_SERVER_ERROR;
}

function bodyOf(exception: unknown, status: number): ErrorBody {
  if (exception instanceof ApiError) {
    const { field, hint, value, ...rest } = exception.details as Record<string, unknown>;

    return {
      error: {
        code: exception.code,
        details: Object.keys(rest).length ? rest : undefined,
        field: field as string | undefined,
        hint: hint as string | undefined,
        message: exception.message,
        value,
      },
    };
  }
  if (exception instanceof HttpException) return bodyFromHttpException(exception);
  if (status < 500) {
    const type = (exception as { type?: string }).type;

    if (type === 'charset.unsupported' || type === 'encoding.unsupported') {
      return {
        error: {
          code: 'UNSUPPORTED_MEDIA_TYPE',
          hint: 'send the body as UTF-8 JSON, uncompressed or with Content-Encoding gzip, deflate or br',
          message: (exception as Error).message,
        },
      };
    }

    const code =
      type === 'entity.parse.failed'
        ? 'MALFORMED_JSON'
        : type === 'entity.too.large'
          ? 'BODY_TOO_LARGE'
          : `HTTP_${status}`;

    return {
      error: {
        code,
        hint: 'send a valid JSON body within the size limit',
        message: (exception as Error).message,
      },
    };
  }

  return {
    error: {
      code: 'INTERNAL_ERROR',
      hint: 'retry later; report the correlation id if it persists',
      message: 'internal error',
    },
  };
}

/** Writes every error as `{ error: { code, message, field, value, hint } }` and logs server faults with their stack. */
@Catch()
export class ApiErrorFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    const status = statusOf(exception);
    const body = isUnmatchedRoute(exception)
      ? routeNotFoundBody(http.getRequest<Request>())
      : bodyOf(exception, status);

    body.error.correlationId = currentCorrelationId();
    if (status >= 500) {
      this.logger.error({ err: errorFields(exception), status }, 'request failed');
    } else {
      this.logger.info(
        { code: body.error.code, field: body.error.field, status },
        'request rejected',
      );
    }
    response.status(status).json(body);
  }
}
