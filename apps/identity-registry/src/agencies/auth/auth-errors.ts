import { HttpStatus } from '@nestjs/common';

import { ApiError, type ApiErrorDetails } from '@bitaqa/http';

/** 403: the caller is known but may not do what it requested. */
export class ForbiddenError extends ApiError {
  constructor(code: string, message: string, details: ApiErrorDetails = {}) {
    super(HttpStatus.FORBIDDEN, code, message, details);
  }
}
