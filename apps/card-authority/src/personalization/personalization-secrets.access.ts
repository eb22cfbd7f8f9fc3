import { timingSafeEqual } from 'node:crypto';

import {
  type CanActivate,
  type ExecutionContext,
  HttpStatus,
  Inject,
  Injectable,
} from '@nestjs/common';
import type { Request } from 'express';
import { z } from 'zod';

import { ApiError } from '@bitaqa/http';

/** Injection token of the bearer token that encoder sites present to fetch card secrets. */
export const SECRETS_CLIENT_TOKEN = Symbol('SECRETS_CLIENT_TOKEN');

/** Shortest accepted token, so a guessable value cannot guard the card keys. */
const MIN_TOKEN_LENGTH = 32;

const tokenSchema = z
  .string()
  .min(MIN_TOKEN_LENGTH, `must be at least ${MIN_TOKEN_LENGTH} characters`)
  .optional();

/**
 * Reads `PERSONALIZATION_SECRETS_TOKEN`, the static bearer token of the encoder sites. Unset
 * leaves the secrets endpoint closed (503); a value that is too short fails at start.
 */
export function secretsClientTokenFromEnv(env: NodeJS.ProcessEnv = process.env): string | null {
  const parsed = tokenSchema.safeParse(env['PERSONALIZATION_SECRETS_TOKEN'] || undefined);
  if (!parsed.success) {
    throw new Error(
      `PERSONALIZATION_SECRETS_TOKEN ${parsed.error.issues[0]?.message ?? 'is invalid'} ` +
        '(for example the output of "openssl rand -hex 32")',
    );
  }

  return parsed.data ?? null;
}

function sameToken(presented: string, expected: string): boolean {
  const presentedBytes = Buffer.from(presented);
  const expectedBytes = Buffer.from(expected);

  return (
    presentedBytes.length === expectedBytes.length && timingSafeEqual(presentedBytes, expectedBytes)
  );
}

/**
 * Admits a call to the secrets endpoint only with `Authorization: Bearer <token>` equal to
 * `PERSONALIZATION_SECRETS_TOKEN`. The token is compared in constant time and never logged.
 */
@Injectable()
export class SecretsClientGuard implements CanActivate {
  constructor(@Inject(SECRETS_CLIENT_TOKEN) private readonly token: string | null) {}

  canActivate(context: ExecutionContext): boolean {
    if (this.token === null) {
      throw new ApiError(
        HttpStatus.SERVICE_UNAVAILABLE,
        'SECRETS_ACCESS_NOT_CONFIGURED',
        'the card authority hands out no card secrets: PERSONALIZATION_SECRETS_TOKEN is unset',
        { hint: 'set PERSONALIZATION_SECRETS_TOKEN at the authority and at the encoder site' },
      );
    }

    const header = context.switchToHttp().getRequest<Request>().headers.authorization;
    const presented = header?.startsWith('Bearer ') === true ? header.slice(7) : null;
    if (presented === null || !sameToken(presented, this.token)) {
      throw new ApiError(
        HttpStatus.UNAUTHORIZED,
        presented === null ? 'CREDENTIALS_MISSING' : 'CREDENTIALS_INVALID',
        presented === null
          ? 'the request has no Authorization: Bearer header'
          : "the bearer token is not the encoder sites' token",
        { field: 'authorization', hint: 'send the token in PERSONALIZATION_SECRETS_TOKEN' },
      );
    }

    return true;
  }
}
