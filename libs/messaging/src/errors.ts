/** Topic, partition and offset of the message that failed. */
export interface MessageLocation {
  offset?: string;
  partition?: number;
  topic?: string;
}

import { RpcException } from '@nestjs/microservices';

/**
 * A messaging failure. `retriable` states whether trying again can help, and the retry
 * policy reads this flag and nothing else.
 */
export class MessagingError extends RpcException {
  readonly code: string;
  readonly location: MessageLocation;
  readonly retriable: boolean;

  constructor(
    code: string,
    message: string,
    options: { cause?: unknown; location?: MessageLocation; retriable: boolean },
  ) {
    super(message);
    this.cause = options.cause;
    this.name = 'MessagingError';
    this.code = code;
    this.location = options.location ?? {};
    this.retriable = options.retriable;
  }
}

/** The message cannot be read as one of our events: wrong headers, bad JSON, data off-schema. */
export class InvalidEventError extends MessagingError {
  constructor(code: string, message: string, location: MessageLocation = {}, cause?: unknown) {
    super(code, message, { cause, location, retriable: false });
    this.name = 'InvalidEventError';
  }
}

/**
 * Thrown by a handler when the event is valid but can never be applied (it names a person that
 * does not exist, say). The consumer parks it on the dead-letter topic without retrying.
 */
export class RejectedEventError extends MessagingError {
  constructor(code: string, message: string) {
    super(code, message, { retriable: false });
    this.name = 'RejectedEventError';
  }
}

/**
 * Nest's default RPC exception filter rethrows what `getError()` returns when it is an object.
 * Returning the error itself keeps its code and flag intact through `@EventPattern` handlers.
 */
MessagingError.prototype.getError = function getError(this: MessagingError): object {
  return this;
};

export function isRetriable(error: unknown): boolean {
  if (error instanceof MessagingError) return error.retriable;

  return true;
}

export function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;

  return typeof code === 'string' ? code : 'HANDLER_FAILED';
}
