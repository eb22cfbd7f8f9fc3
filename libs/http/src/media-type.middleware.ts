import { HttpStatus } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

import { ApiError } from './api-error';

/** The media type every request body must have; the JSON body parser reads no other. */
export const JSON_MEDIA_TYPE = 'application/json';

/** HTML form encoding, accepted only on the paths an app lists in `formBodyPaths`. */
export const FORM_MEDIA_TYPE = 'application/x-www-form-urlencoded';

/** Tells whether the request has a body. Unlike in type-is, `Content-Length: 0` means none. */
function hasBody(request: Request): boolean {
  const length = request.headers['content-length'];

  if (length !== undefined) return Number(length) > 0;

  return request.headers['transfer-encoding'] !== undefined;
}

/**
 * Rejects a request that has a body in a media type other than JSON with 415
 * UNSUPPORTED_MEDIA_TYPE. Without this check the JSON parser skips such a body and the handler
 * reports every field as missing, which hides the real mistake.
 */
export function jsonMediaTypeMiddleware(
  request: Request,
  response: Response,
  next: NextFunction,
): void {
  mediaTypeMiddleware([])(request, response, next);
}

/**
 * Like `jsonMediaTypeMiddleware`, but a request to one of `formPaths` (exact paths, such as an
 * OAuth 2.0 token endpoint) may also send a form-encoded body.
 */
export function mediaTypeMiddleware(
  formPaths: readonly string[],
): (request: Request, response: Response, next: NextFunction) => void {
  const forms = new Set(formPaths);

  return (request, _response, next) => {
    const accepted =
      !hasBody(request) ||
      Boolean(request.is(JSON_MEDIA_TYPE)) ||
      (forms.has(request.path) && Boolean(request.is(FORM_MEDIA_TYPE)));

    next(accepted ? undefined : unsupportedMediaType(request));
  };
}

function unsupportedMediaType(request: Request): ApiError {
  const contentType = request.headers['content-type'];

  return new ApiError(
    HttpStatus.UNSUPPORTED_MEDIA_TYPE,
    'UNSUPPORTED_MEDIA_TYPE',
    contentType === undefined
      ? 'the request has a body but no Content-Type'
      : `content type ${contentType.slice(0, 100)} is not supported`,
    {
      field: 'content-type',
      hint: `send the body as JSON with the header Content-Type: ${JSON_MEDIA_TYPE}`,
      value: contentType?.slice(0, 100),
    },
  );
}
