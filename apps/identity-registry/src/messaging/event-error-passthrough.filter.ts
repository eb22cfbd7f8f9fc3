import { Catch, type RpcExceptionFilter } from '@nestjs/common';
import { type Observable, throwError } from 'rxjs';

/**
 * Nest's default RPC exception filter replaces a handler's error with a plain
 * `{ status, message }` object. The event consumer needs the original error to read its
 * `retriable` flag and code, so that a `RejectedEventError` goes to the dead-letter topic at
 * once with its reason. This filter passes the error on unchanged.
 */
@Catch()
export class EventErrorPassthroughFilter implements RpcExceptionFilter<unknown> {
  catch(exception: unknown): Observable<never> {
    return throwError(() => exception);
  }
}
