import { logLevel, type logCreator } from 'kafkajs';

import type { Logger } from './logger';

/**
 * A kafkajs log creator that keeps kafkajs' fields structured: the message stays constant and
 * the broker, topic and error details go into fields, so they can be searched and counted.
 */
export function kafkaLogCreator(logger: Logger): logCreator {
  const child = logger.child({ component: 'kafkajs' });

  return () => (entry) => {
    const { message, ...fields } = entry.log;
    const record = { namespace: entry.namespace, ...fields };

    switch (entry.level) {
      case logLevel.ERROR:
        child.error(record, message);
        break;
      case logLevel.WARN:
        child.warn(record, message);
        break;
      case logLevel.INFO:
        child.info(record, message);
        break;
      default:
        child.debug(record, message);
    }
  };
}

/** kafkajs log level matching a pino level name; kafkajs' own info lines are chatty, so `info` maps to WARN. */
export function kafkaLogLevel(level = process.env.LOG_LEVEL ?? 'info'): logLevel {
  if (level === 'debug' || level === 'trace') return logLevel.INFO;
  if (level === 'error' || level === 'fatal') return logLevel.ERROR;

  return logLevel.WARN;
}
