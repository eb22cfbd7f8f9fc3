import { Catch, type RpcExceptionFilter } from '@nestjs/common';
import { type Observable, throwError } from 'rxjs';

/**
 * Nest's default RPC filter replaces a handler's error with `{ status, message }`, which would
 * turn a `RejectedEventError` into a retriable failure and lose its code and reason. This filter
 * passes the original error on, so the consumer can read its `retriable` flag and dead-letter
 * it with the right code.
 */
@Catch()
export class EventErrorPassthroughFilter implements RpcExceptionFilter<unknown> {
  catch(exception: unknown): Observable<never> {
    return throwError(() => exception);
  }
}
