import { HttpStatus } from '@nestjs/common';

import { ApiError, type ApiErrorDetails } from '@bitaqa/http';

/** Error codes of the token endpoint: RFC 6749 section 5.2, plus RFC 8707's invalid_target. */
export type OAuthErrorCode =
  | 'invalid_client'
  | 'invalid_request'
  | 'invalid_scope'
  | 'invalid_target'
  | 'temporarily_unavailable'
  | 'unsupported_grant_type';

const STATUS: Record<OAuthErrorCode, HttpStatus> = {
  invalid_client: HttpStatus.UNAUTHORIZED,
  invalid_request: HttpStatus.BAD_REQUEST,
  invalid_scope: HttpStatus.BAD_REQUEST,
  invalid_target: HttpStatus.BAD_REQUEST,
  temporarily_unavailable: HttpStatus.TOO_MANY_REQUESTS,
  unsupported_grant_type: HttpStatus.BAD_REQUEST,
};

/** Response headers an OAuth error adds. */
export interface OAuthErrorHeaders {
  /** The client authenticated with HTTP Basic, so a 401 names the scheme (RFC 6749 5.2). */
  basicAuth?: boolean;
  /** Seconds until the client may try again, sent as Retry-After. */
  retryAfterSeconds?: number;
}

/**
 * A token request the endpoint rejects. `oauthError` is the RFC 6749 code that OAuth clients
 * read, and `code`, `hint` and `value` are the platform's usual error details.
 */
export class OAuthError extends ApiError {
  constructor(
    readonly oauthError: OAuthErrorCode,
    code: string,
    message: string,
    details: ApiErrorDetails = {},
    readonly headers: OAuthErrorHeaders = {},
  ) {
    super(STATUS[oauthError], code, message, details);
    this.name = 'OAuthError';
  }
}
