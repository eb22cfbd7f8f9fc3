import { HttpStatus } from '@nestjs/common';

export interface ApiErrorDetails {
  /** The request field at fault, as a dotted path (`members.0.birthDate`). */
  field?: string;
  /** What the caller can do about it. */
  hint?: string;
  /** The offending value, echoed back when it is not secret. */
  value?: unknown;
}

/**
 * An error an API caller can act on: a stable code, the HTTP status, and the field, value and
 * hint. Services throw it; the exception filter turns it into the JSON error body.
 */
export class ApiError extends Error {
  constructor(
    readonly status: HttpStatus,
    readonly code: string,
    message: string,
    readonly details: ApiErrorDetails = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export class NotFoundError extends ApiError {
  constructor(code: string, message: string, details: ApiErrorDetails = {}) {
    super(HttpStatus.NOT_FOUND, code, message, details);
  }
}

/** The request is well-formed but breaks a business rule (HTTP 422). */
export class RuleViolationError extends ApiError {
  constructor(code: string, message: string, details: ApiErrorDetails = {}) {
    super(HttpStatus.UNPROCESSABLE_ENTITY, code, message, details);
  }
}

export class ConflictError extends ApiError {
  constructor(code: string, message: string, details: ApiErrorDetails = {}) {
    super(HttpStatus.CONFLICT, code, message, details);
  }
}

/** Body of every error response. */
export interface ErrorBody {
  error: {
    code: string;
    correlationId?: string;
    details?: unknown;
    field?: string;
    hint?: string;
    message: string;
    value?: unknown;
  };
}
