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

/**
 * Attaches the Kafka event transport to an HTTP app.
 *
 * NOTE: a microservice connected to an HTTP app is initialized at once, so it takes no global
 * filters of its own. A `MessagingError` such as `RejectedEventError` still reaches the consumer
 * intact (see `MessagingError.getError`). Any other handler error arrives as Nest's generic RPC
 * error, so it is retried and then dead-lettered with code HANDLER_FAILED. Put
 * `@UseFilters(RethrowEventErrorFilter)` on an event controller to keep every error's code.
 */
export function connectEventServer<Tx extends SqlExecutor>(
  app: INestApplication,
  options: EventConsumerOptions<Tx>,
): INestMicroservice {
  return app.connectMicroservice({ strategy: new KafkaEventServer<Tx>(options) });
}
