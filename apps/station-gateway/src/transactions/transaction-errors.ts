import { HttpStatus } from '@nestjs/common';

import { ApiError, ConflictError, RuleViolationError, type ApiErrorDetails } from '@bitaqa/http';

import type { CardReadFailedError } from '../card-reader/station-card-reader';

import type { Refusal } from './card-check';
import type { StationTransaction } from './station-transaction';

/** Error details plus extra fields, which the error filter returns under `details`. */
function detailsWith(details: ApiErrorDetails, extra: Record<string, unknown>): ApiErrorDetails {
  return { ...details, ...extra };
}

/** Builds the error for a card that failed the station's own checks (HTTP 422 CARD_REFUSED). */
export function cardRefusedError(
  cardNumber: string,
  refusal: Refusal,
  transactionId: string,
): ApiError {
  const details = detailsWith(
    {
      field: 'cardNumber',
      hint: 'do not dispense; the card holder can ask the card authority about the card',
      value: cardNumber,
    },
    {
      ...(refusal.flagId === undefined ? {} : { flagId: refusal.flagId }),
      reason: refusal.reason,
      refusal: refusal.refusal,
      status: refusal.status,
      transactionId,
    },
  );

  return new RuleViolationError(
    'CARD_REFUSED',
    `card ${cardNumber} refused: ${refusal.reason}`,
    details,
  );
}

const READ_ERROR_HINTS: Record<CardReadFailedError['code'], string> = {
  CARD_NOT_PERSONALIZED: 'the card is blank; do not dispense',
  CARD_NOT_PRESENT: 'insert the card fully into the station reader and send the request again',
  CARD_UNREADABLE: 'take the card out, insert it again and send the request again',
  READER_UNAVAILABLE: 'check that the reader is connected and pcscd is running, then retry',
};

/** HTTP status for each card-read failure: a missing reader is the station's fault (503). */
export function cardReadStatus(error: CardReadFailedError): HttpStatus {
  return error.code === 'READER_UNAVAILABLE'
    ? HttpStatus.SERVICE_UNAVAILABLE
    : HttpStatus.UNPROCESSABLE_ENTITY;
}

export function cardReadApiError(error: CardReadFailedError, transactionId: string): ApiError {
  const details = detailsWith(
    { hint: READ_ERROR_HINTS[error.code] },
    { ...error.details, transactionId },
  );

  return new ApiError(cardReadStatus(error), error.code, error.message, details);
}

export function idempotencyConflictError(
  existing: StationTransaction,
  idempotencyKey: string,
): ApiError {
  return new ConflictError(
    'IDEMPOTENCY_KEY_REUSED',
    `idempotency key ${idempotencyKey} belongs to transaction ${existing.id} for ` +
      `${existing.quantity} of ${existing.productCode}`,
    {
      field: 'idempotencyKey',
      hint: 'send a new idempotency key for a new sale, or repeat the original request unchanged',
      value: idempotencyKey,
    },
  );
}

/** Rebuilds the stored rejection of a transaction, for a retry with the same key. */
export function storedRejectionError(transaction: StationTransaction): ApiError {
  return new ApiError(
    transaction.outcomeStatus ?? HttpStatus.UNPROCESSABLE_ENTITY,
    transaction.outcomeCode ?? 'REDEMPTION_REJECTED',
    transaction.outcomeMessage ?? 'fuel-allocation rejected the redemption',
    detailsWith(
      { hint: 'the rejection is final for this idempotency key; start a new sale to try again' },
      { idempotencyKey: transaction.idempotencyKey, transactionId: transaction.id },
    ),
  );
}

/**
 * Builds the error for a sale without a definite response from fuel-allocation. The same request
 * with the same key may complete it.
 */
export function redemptionUnavailableError(transaction: StationTransaction): ApiError {
  const timedOut = transaction.outcomeCode === 'FUEL_ALLOCATION_TIMEOUT';

  return new ApiError(
    timedOut ? HttpStatus.GATEWAY_TIMEOUT : HttpStatus.SERVICE_UNAVAILABLE,
    transaction.outcomeCode ?? 'FUEL_ALLOCATION_UNAVAILABLE',
    transaction.outcomeMessage ?? 'fuel-allocation did not respond',
    detailsWith(
      {
        field: 'idempotencyKey',
        hint:
          'do not dispense yet; send the same request again with this idempotencyKey, which ' +
          'fuel-allocation applies at most once',
        value: transaction.idempotencyKey,
      },
      { transactionId: transaction.id },
    ),
  );
}
