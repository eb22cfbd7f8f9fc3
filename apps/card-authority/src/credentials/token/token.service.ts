import { Inject, Injectable } from '@nestjs/common';

import { SCOPE_PATTERN } from '@bitaqa/auth';
import type { Logger } from '@bitaqa/observability';

import { AUTHORITY_AUTH_CONFIG, type AuthorityAuthConfig } from '../../auth/auth-config';
import { TOKEN_KEYS, type TokenKeys } from '../../auth/token-keys';
import { LOGGER } from '../../core.module';
import { PrismaService } from '../../database/prisma.service';
import { CLIENT_ID_PATTERN } from '../credential';
import { secretMatches } from '../credential-secret';
import { CredentialRepository, type StoredCredential } from '../credential.repository';

import { FailedAttemptsLimiter } from './failed-attempts.limiter';
import { OAuthError } from './oauth-error';
import type { ClientCredentialsRequest } from './token-request';

/** Successful token response of RFC 6749 section 5.1. */
export interface TokenResponse {
  access_token: string;
  expires_in: number;
  scope: string;
  token_type: 'Bearer';
}

function clientRejected(
  request: ClientCredentialsRequest,
  code: string,
  message: string,
): OAuthError {
  return new OAuthError(
    'invalid_client',
    code,
    message,
    { field: 'client_id', hint: 'check the client id and secret with the card authority' },
    { basicAuth: request.authMethod === 'basic' },
  );
}

/** Returns the requested scopes, which the client must all have, or all of its scopes. */
function grantedScopes(request: ClientCredentialsRequest, client: StoredCredential): string[] {
  if (request.scopes === undefined) return client.scopes;

  const malformed = request.scopes.filter((scope) => !SCOPE_PATTERN.test(scope));
  const notAllowed = request.scopes.filter((scope) => !client.scopes.includes(scope));

  if (malformed.length > 0 || notAllowed.length > 0) {
    throw new OAuthError(
      'invalid_scope',
      malformed.length > 0 ? 'SCOPE_MALFORMED' : 'SCOPE_NOT_ALLOWED',
      `the client may not ask for ${[...new Set([...malformed, ...notAllowed])].join(', ')}`,
      {
        field: 'scope',
        hint: `ask for a subset of the client's scopes: ${client.scopes.join(' ')}`,
        value: malformed.length > 0 ? malformed : notAllowed,
      },
    );
  }

  return [...new Set(request.scopes)];
}

/** Returns the requested audience, which the client must be allowed, or all of its audiences. */
function grantedAudience(
  request: ClientCredentialsRequest,
  client: StoredCredential,
): string | string[] {
  if (request.audience === undefined) {
    return client.audiences.length === 1 ? (client.audiences[0] as string) : client.audiences;
  }

  if (!client.audiences.includes(request.audience)) {
    throw new OAuthError(
      'invalid_target',
      'AUDIENCE_NOT_ALLOWED',
      `the client may not get tokens for ${request.audience.slice(0, 100)}`,
      {
        field: 'audience',
        hint: `ask for one of ${client.audiences.join(', ')}`,
        value: request.audience.slice(0, 100),
      },
    );
  }

  return request.audience;
}

/**
 * Issues access tokens for the OAuth 2.0 client credentials grant: checks the client's secret in
 * constant time and its status, limits failed attempts per client id, narrows scopes and
 * audience to the requested ones, and signs the token. Tokens are never logged.
 */
@Injectable()
export class TokenService {
  constructor(
    @Inject(AUTHORITY_AUTH_CONFIG) private readonly config: AuthorityAuthConfig,
    private readonly limiter: FailedAttemptsLimiter,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly prisma: PrismaService,
    private readonly repository: CredentialRepository,
    @Inject(TOKEN_KEYS) private readonly keys: TokenKeys,
  ) {}

  async issue(request: ClientCredentialsRequest): Promise<TokenResponse> {
    const client = await this.authenticate(request);
    const scopes = grantedScopes(request, client);
    const audience = grantedAudience(request, client);
    const signed = await this.keys.signer.sign({
      audience,
      kind: client.kind,
      scopes,
      subject: client.clientId,
      ttlSeconds: this.config.tokenTtlSeconds,
      ...(client.serviceId === null ? {} : { serviceId: client.serviceId }),
      ...(client.stationCode === null ? {} : { stationCode: client.stationCode }),
    });

    this.logger.info(
      {
        audience,
        clientId: client.clientId,
        expiresAt: signed.expiresAt,
        scopes,
        tokenId: signed.tokenId,
      },
      'token issued',
    );

    return {
      access_token: signed.token,
      expires_in: this.config.tokenTtlSeconds,
      scope: [...scopes].sort().join(' '),
      token_type: 'Bearer',
    };
  }

  /** Counts a wrong secret and rejects the request: 429 past the limit, else 401. */
  private async rejectWrongSecret(request: ClientCredentialsRequest): Promise<never> {
    const attempts = await this.limiter.check(request.clientId);

    if (attempts.blocked) {
      throw new OAuthError(
        'temporarily_unavailable',
        'TOO_MANY_FAILED_ATTEMPTS',
        `too many failed token requests for ${request.clientId}`,
        {
          field: 'client_id',
          hint: `wait ${attempts.retryAfterSeconds} s, then use the right secret`,
          value: request.clientId,
        },
        { retryAfterSeconds: attempts.retryAfterSeconds },
      );
    }

    // Blocked requests return above without a log line, so apart from concurrent requests this
    // line appears at most failedAttemptsLimit times per client id and window.
    const failedAttempts = await this.limiter.recordFailure(request.clientId);

    this.logger.warn(
      { clientId: request.clientId, failedAttempts },
      'client authentication failed',
    );

    throw clientRejected(request, 'CLIENT_AUTHENTICATION_FAILED', 'client authentication failed');
  }

  /** Returns the active credential whose secret the request presents, or rejects it. */
  private async authenticate(request: ClientCredentialsRequest): Promise<StoredCredential> {
    if (!CLIENT_ID_PATTERN.test(request.clientId)) {
      throw clientRejected(request, 'CLIENT_AUTHENTICATION_FAILED', 'client authentication failed');
    }

    const client = await this.repository.findStored(this.prisma, request.clientId);

    // The right secret always passes, so a stranger who sends wrong secrets for a client id
    // cannot lock that client out. Wrong secrets are counted and, past the limit, get 429.
    if (!secretMatches(request.clientSecret, client?.secretHash ?? null) || client === null) {
      return this.rejectWrongSecret(request);
    }

    if (client.status !== 'active') {
      throw clientRejected(
        request,
        client.status === 'suspended' ? 'CLIENT_SUSPENDED' : 'CLIENT_REVOKED',
        `client ${client.clientId} is ${client.status}`,
      );
    }

    return client;
  }
}
