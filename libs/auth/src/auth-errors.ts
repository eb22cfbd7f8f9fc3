import { HttpStatus } from '@nestjs/common';

import { ApiError, type ApiErrorDetails } from '@bitaqa/http';

/** 401: the request carries no token, or one this service does not accept. */
export class UnauthenticatedError extends ApiError {
  constructor(code: string, message: string, details: ApiErrorDetails = {}) {
    super(HttpStatus.UNAUTHORIZED, code, message, { field: 'authorization', ...details });
  }
}

/** 403: the token is valid but lacks a scope the endpoint needs. */
export class ScopeError extends ApiError {
  constructor(code: string, message: string, details: ApiErrorDetails = {}) {
    super(HttpStatus.FORBIDDEN, code, message, details);
  }
}
