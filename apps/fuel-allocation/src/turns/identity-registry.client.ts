import { Inject, Injectable } from '@nestjs/common';
import { z } from 'zod';

import type { TokenSource } from '@bitaqa/auth';
import { currentCorrelationId, errorFields, type Logger } from '@bitaqa/observability';

import type { FuelAllocationConfig } from '../config';
import { APP_CONFIG, IDENTITY_REGISTRY_TOKENS, LOGGER } from '../infrastructure/tokens';

import { DEFAULT_IDENTITY_REGISTRY_URL, DEFAULT_TURN_SETTINGS } from './turn-settings';

/** One SMS for the identity registry to deliver to the mobile number bound to an identity. */
export interface SmsRequest {
  message: string;
  nationalNumber: string;
  purpose: 'fuel-turn';
  /** Turn id: the registry accepts one notice per reference, so a retry sends no second SMS. */
  reference: string;
}

export type SmsOutcome =
  | { kind: 'queued'; notificationId: string }
  /** The registry rejected the notice; sending it again would be rejected too. */
  | { code: string; kind: 'rejected'; message: string }
  /** No usable response (network error, time-out, 5xx, 401, 403, 408, 429); may succeed later. */
  | { code: string; kind: 'unavailable'; message: string };

const accepted = z.object({ notificationId: z.string().min(1).max(200) });

const errorBody = z.object({
  error: z.object({ code: z.string().min(1).max(100), message: z.string().optional() }),
});

/**
 * Statuses a later attempt may get past: server faults, time-outs, rate limits, and 401 and 403,
 * which a corrected credential fixes without losing the notices in the meantime.
 */
function isTransientStatus(status: number): boolean {
  return status >= 500 || status === 401 || status === 403 || status === 408 || status === 429;
}

/**
 * Client of the identity registry's `POST /notifications/sms`. The registry owns citizens'
 * mobile numbers, so fuel allocation sends notices through it and never stores a mobile number.
 * Each call carries an access token of kind app with the identity:notify scope.
 */
@Injectable()
export class IdentityRegistryClient {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;

  constructor(
    @Inject(APP_CONFIG) config: FuelAllocationConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(IDENTITY_REGISTRY_TOKENS) private readonly tokens: TokenSource | null,
  ) {
    if (tokens === null) {
      logger.warn(
        { variables: ['AUTH_TOKEN_URL', 'FUEL_CLIENT_ID', 'FUEL_CLIENT_SECRET'] },
        'no credential for the identity registry; SMS notices fail until the variables are set',
      );
    }
    this.baseUrl = (config.identityRegistryUrl ?? DEFAULT_IDENTITY_REGISTRY_URL).replace(
      /\/+$/,
      '',
    );
    this.timeoutMs = (config.turns ?? DEFAULT_TURN_SETTINGS).noticeTimeoutMs;
  }

  async sendSms(request: SmsRequest): Promise<SmsOutcome> {
    let authorization: string | undefined;

    try {
      authorization = await this.tokens?.authorization();
    } catch (error) {
      return this.tokenFailure(error, request.reference);
    }

    let response: Response;

    try {
      response = await fetch(`${this.baseUrl}/notifications/sms`, {
        body: JSON.stringify(request),
        headers: this.headers(authorization),
        method: 'POST',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      return this.networkFailure(error, request.reference);
    }

    const body = await response.json().catch(() => undefined);

    if (response.ok) {
      const parsed = accepted.safeParse(body);

      if (parsed.success) return { kind: 'queued', notificationId: parsed.data.notificationId };

      return {
        code: 'INVALID_RESPONSE',
        kind: 'unavailable',
        message: `identity registry responded with HTTP ${response.status} but no notificationId`,
      };
    }

    const error = errorBody.safeParse(body);
    const code = error.success ? error.data.error.code : `HTTP_${response.status}`;
    const message = error.success
      ? (error.data.error.message ?? code)
      : `identity registry responded with HTTP ${response.status}`;

    return { code, kind: isTransientStatus(response.status) ? 'unavailable' : 'rejected', message };
  }

  private headers(authorization: string | undefined): Record<string, string> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    const correlationId = currentCorrelationId();

    if (authorization !== undefined) headers.authorization = authorization;

    if (correlationId) headers['x-correlation-id'] = correlationId;

    return headers;
  }

  /** The card authority did not issue a token: unreachable, or the credential was rejected. */
  private tokenFailure(error: unknown, reference: string): SmsOutcome {
    this.logger.warn(
      { err: errorFields(error), reference },
      'identity registry token fetch failed',
    );

    return {
      code: 'REGISTRY_TOKEN_UNAVAILABLE',
      kind: 'unavailable',
      message: `no token for the identity registry: ${(error as Error).message}`,
    };
  }

  private networkFailure(error: unknown, reference: string): SmsOutcome {
    const timedOut = (error as Error | undefined)?.name === 'TimeoutError';
    // undici reports every network failure as "fetch failed" and puts the reason in `cause`.
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;

    this.logger.debug({ err: errorFields(error), reference }, 'identity registry call failed');

    if (timedOut) {
      return {
        code: 'REGISTRY_TIMEOUT',
        kind: 'unavailable',
        message: `identity registry did not respond within ${this.timeoutMs} ms`,
      };
    }

    return {
      code: 'REGISTRY_UNREACHABLE',
      kind: 'unavailable',
      message: `identity registry at ${this.baseUrl} is unreachable: ${cause?.code ?? cause?.message ?? (error as Error).message}`,
    };
  }
}
