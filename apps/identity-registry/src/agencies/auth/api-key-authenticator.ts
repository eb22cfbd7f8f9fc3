import { createHash, timingSafeEqual } from 'node:crypto';

import { Inject, Injectable } from '@nestjs/common';

import { APP_CONFIG, type AppConfig } from '../../config';
import { ApiKeys } from '../api-keys.service';

import { UnauthenticatedError } from './auth-errors';
import type { Caller, CallerAuthenticator } from './caller';

const BEARER = /^Bearer ([\x21-\x7E]{1,512})$/;

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

function bearerToken(authorization: string | undefined): string {
  if (authorization === undefined || authorization.trim() === '') {
    throw new UnauthenticatedError('CREDENTIALS_MISSING', 'the request has no credentials', {
      field: 'authorization',
      hint: 'send the header Authorization: Bearer <api key>',
    });
  }

  const match = BEARER.exec(authorization.trim());

  if (match?.[1] === undefined) {
    throw new UnauthenticatedError(
      'CREDENTIALS_MALFORMED',
      'the Authorization header is not a bearer credential',
      { field: 'authorization', hint: 'send the header Authorization: Bearer <api key>' },
    );
  }

  return match[1];
}

/**
 * Accepts the operator key from the configuration and agency API keys issued through
 * `POST /agencies/:serviceId/api-keys`. The operator key is compared by digest in constant
 * time. An agency key is found by its digest, so nothing compares the key itself.
 */
@Injectable()
export class ApiKeyAuthenticator implements CallerAuthenticator {
  private readonly operatorKeyDigest: Buffer | null;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly apiKeys: ApiKeys,
  ) {
    this.operatorKeyDigest = config.operatorApiKey === null ? null : sha256(config.operatorApiKey);
  }

  async authenticate(authorization: string | undefined): Promise<Caller> {
    const token = bearerToken(authorization);

    if (this.operatorKeyDigest !== null && timingSafeEqual(sha256(token), this.operatorKeyDigest)) {
      return { credentialId: 'operator-key', kind: 'operator' };
    }

    const key = await this.apiKeys.findActive(token);

    if (key === undefined) {
      throw new UnauthenticatedError(
        'CREDENTIALS_INVALID',
        'the credential is unknown or revoked',
        {
          field: 'authorization',
          hint: 'ask the registry operators for a new API key',
        },
      );
    }

    return { credentialId: key.id, kind: 'agency', serviceId: key.serviceId };
  }
}
