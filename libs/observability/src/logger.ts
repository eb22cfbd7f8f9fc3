import pino, { type DestinationStream, type Logger } from 'pino';

import { currentCorrelationId } from './correlation';

export type { Logger } from 'pino';

/** Field paths whose values never reach a log line. */
const REDACTED_PATHS = [
  '*.password',
  '*.secret',
  '*.token',
  '*.authorization',
  'req.headers.authorization',
  '*.privateKey',
  '*.otp',
  '*.clientSecret',
  '*.client_secret',
  '*.access_token',
  '*.accessToken',
];

/**
 * Creates the JSON logger of one service. Every line carries the service name and, inside a
 * `withCorrelationId` scope, the correlation id. `LOG_LEVEL` sets the level (default `info`).
 */
export function createLogger(
  service: string,
  level = process.env.LOG_LEVEL ?? 'info',
  destination?: DestinationStream,
): Logger {
  const options: pino.LoggerOptions = {
    base: { service },
    level,
    messageKey: 'msg',
    mixin() {
      const correlationId = currentCorrelationId();

      return correlationId ? { correlationId } : {};
    },
    redact: { censor: '[redacted]', paths: REDACTED_PATHS },
    timestamp: pino.stdTimeFunctions.isoTime,
  };

  return destination ? pino(options, destination) : pino(options);
}

/** Serializes an error with its code, cause and stack for a log line's `err` field. */
export function errorFields(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { value: String(error) };

  const withCode = error as Error & { code?: unknown; cause?: unknown };

  return {
    cause: withCode.cause === undefined ? undefined : errorFields(withCode.cause),
    code: withCode.code,
    message: error.message,
    name: error.name,
    stack: error.stack,
  };
}
