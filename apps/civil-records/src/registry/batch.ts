import { ApiError, ZodValidationPipe } from '@bitaqa/http';
import { z } from 'zod';

/** Error of one rejected batch item, shaped like the error body of a single request. */
export interface ItemError {
  code: string;
  details?: unknown;
  field?: string;
  hint?: string;
  message: string;
  /** HTTP status the item would have received as a single request. */
  status: number;
  value?: unknown;
}

export type ItemOutcome<Result> =
  { error: ApiError; index: number; ok: false } | { index: number; ok: true; result: Result };

/** Response to a batch request: one entry per item, in request order. */
export interface BatchResponse<Result> {
  accepted: number;
  rejected: number;
  results: (
    ({ index: number; ok: true } & Result) | { error: ItemError; index: number; ok: false }
  )[];
}

/** Largest number of items one batch request may carry. */
export const MAX_BATCH_ITEMS = 1000;

/** Body of a batch request before its items are checked one by one. */
export const batchBody = z.array(z.unknown()).min(1).max(MAX_BATCH_ITEMS);

/** Parses one item like a single request's body, failing with the same 400 error. */
export function parseItem<Schema extends z.ZodType>(
  schema: Schema,
  input: unknown,
): z.infer<Schema> {
  return new ZodValidationPipe(schema).transform(input);
}

/** Turns an ApiError into an item outcome; any other error aborts the whole request. */
export function rejectItem<Result>(index: number, error: unknown): ItemOutcome<Result> {
  if (error instanceof ApiError) return { error, index, ok: false };

  throw error;
}

export function toItemError(error: ApiError): ItemError {
  const { field, hint, value, ...details } = error.details as Record<string, unknown>;

  return {
    code: error.code,
    details: Object.keys(details).length > 0 ? details : undefined,
    field: field as string | undefined,
    hint: hint as string | undefined,
    message: error.message,
    status: error.status,
    value,
  };
}

/** Builds the batch response from outcomes in request order. */
export function toBatchResponse<Result extends object>(
  outcomes: readonly ItemOutcome<Result>[],
): BatchResponse<Result> {
  const results = [...outcomes]
    .sort((a, b) => a.index - b.index)
    .map((outcome) =>
      outcome.ok
        ? { index: outcome.index, ok: true as const, ...outcome.result }
        : { error: toItemError(outcome.error), index: outcome.index, ok: false as const },
    );
  const accepted = results.filter((result) => result.ok).length;

  return { accepted, rejected: results.length - accepted, results };
}

/** Returns the result of a one-item batch, or throws its error as the request's error. */
export function singleResult<Result>(outcomes: readonly ItemOutcome<Result>[]): Result {
  const outcome = outcomes[0];

  if (!outcome) throw new Error('a one-item batch produced no outcome');
  if (!outcome.ok) throw outcome.error;

  return outcome.result;
}
