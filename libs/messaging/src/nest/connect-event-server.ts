import {
  Catch,
  type INestApplication,
  type INestMicroservice,
  type RpcExceptionFilter,
} from '@nestjs/common';
import { throwError, type Observable } from 'rxjs';

import type { EventConsumerOptions } from '../event-consumer';
import type { SqlExecutor } from '../sql-executor';

import { KafkaEventServer } from './kafka-event-server';

/**
 * Passes a handler's error through unchanged. Nest's default RPC filter replaces every unknown
 * error with a generic object, which would hide the `retriable` flag and the code that retry and
 * dead-letter decisions read.
 */
@Catch()
export class RethrowEventErrorFilter implements RpcExceptionFilter<unknown> {
  catch(exception: unknown): Observable<never> {
    return throwError(() => exception);
  }
}

/** Attaches the Kafka event transport to an HTTP app with the error filter it needs. */
export function connectEventServer<Tx extends SqlExecutor>(
  app: INestApplication,
  options: EventConsumerOptions<Tx>,
): INestMicroservice {
  const microservice = app.connectMicroservice({ strategy: new KafkaEventServer<Tx>(options) });

  microservice.useGlobalFilters(new RethrowEventErrorFilter());

  return microservice;
}
