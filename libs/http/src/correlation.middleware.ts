import { randomUUID } from 'node:crypto';

import type { NextFunction, Request, Response } from 'express';

import { withCorrelationId } from '@bitaqa/observability';

const HEADER = 'x-correlation-id';

/** Express middleware: takes the caller's correlation id or makes one, and echoes it back. */
export function correlationMiddleware(
  request: Request,
  response: Response,
  next: NextFunction,
): void {
  const given = request.header(HEADER);
  const correlationId = given && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();

  response.setHeader(HEADER, correlationId);
  withCorrelationId(correlationId, () => next());
}
