import { setTimeout as sleep } from 'node:timers/promises';

import { Inject, Injectable } from '@nestjs/common';

import type { TokenSource } from '@bitaqa/auth';
import { currentCorrelationId, errorFields, type Logger } from '@bitaqa/observability';

import type { StationConfig } from '../config';
import { LOGGER, STATION_CONFIG } from '../tokens';

import { FUEL_ALLOCATION_TOKENS } from './fuel-allocation-tokens';
import { redemptionResponse, type RedemptionOutcome, type RedemptionRequest } from './redemption';

const MAX_BACKOFF_MS = 5_000;

/** A failed attempt that a retry may fix: no response, a time-out, or a server fault. */
interface TransientFailure {
  code: string;
  message: string;
  status?: number;
}

type AttemptResult = RedemptionOutcome | { failure: TransientFailure; kind: 'transient' };

function isTransientStatus(status: number): boolean {
  return status >= 500 || status === 408 || status === 429;
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();

  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return text;
  }
}

/** Reads the `{ error: { code, message, ... } }` body that every Bitaqa API returns on failure. */
function errorOf(body: unknown): {
  code?: string;
  message?: string;
  rest: Record<string, unknown>;
} {
  const error = (body as { error?: Record<string, unknown> } | undefined)?.error;

  if (!error || typeof error !== 'object') return { rest: {} };

  const { code, message, ...rest } = error;

  return {
    code: typeof code === 'string' ? code : undefined,
    message: typeof message === 'string' ? message : undefined,
    rest,
  };
}

/**
 * Client of fuel-allocation's redemption API. Every attempt of one redemption carries the same
 * idempotency key, so fuel-allocation debits the quota once however many attempts reach it, and
 * the station's access token (kind station, scope fuel:redeem). Network errors, time-outs, 5xx
 * responses and failed token fetches are retried with doubling backoff up to
 * FUEL_ALLOCATION_MAX_ATTEMPTS; any other response ends the call.
 */
@Injectable()
export class FuelAllocationClient {
  constructor(
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(STATION_CONFIG) private readonly config: StationConfig,
    @Inject(FUEL_ALLOCATION_TOKENS) private readonly tokens: TokenSource | null,
  ) {
    if (tokens === null) {
      logger.warn(
        { variables: ['AUTH_TOKEN_URL', 'STATION_CLIENT_ID', 'STATION_CLIENT_SECRET'] },
        'no station credential; fuel-allocation rejects redemptions until the variables are set',
      );
    }
  }

  async redeem(request: RedemptionRequest): Promise<RedemptionOutcome> {
    const maxAttempts = this.config.fuelAllocationMaxAttempts;
    let failure: TransientFailure | undefined;

    for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
      const result = await this.attempt(request, attempt);

      if (result.kind !== 'transient') return result;

      failure = result.failure;
      if (attempt === maxAttempts) break;

      const backoffMs = this.backoffMs(attempt);

      this.logger.warn(
        { attempt, backoffMs, idempotencyKey: request.idempotencyKey, ...failure },
        'redemption call failed, retrying',
      );
      await sleep(backoffMs);
    }

    return {
      attempts: maxAttempts,
      code: failure?.code ?? 'FUEL_ALLOCATION_UNAVAILABLE',
      kind: 'unavailable',
      message: failure?.message ?? 'fuel-allocation did not respond',
    };
  }

  private backoffMs(attempt: number): number {
    const base = Math.min(MAX_BACKOFF_MS, this.config.fuelAllocationBackoffMs * 2 ** (attempt - 1));

    // Up to 20 % jitter keeps stations that failed together from retrying in step.
    return Math.round(base * (1 + Math.random() * 0.2));
  }

  private async attempt(request: RedemptionRequest, attempt: number): Promise<AttemptResult> {
    let authorization: string | undefined;

    try {
      authorization = await this.tokens?.authorization();
    } catch (error) {
      return { failure: this.tokenFailure(error, request), kind: 'transient' };
    }

    let response: Response;

    try {
      response = await fetch(`${this.config.fuelAllocationUrl}/redemptions`, {
        body: JSON.stringify(request),
        headers: this.headers(request, authorization),
        method: 'POST',
        signal: AbortSignal.timeout(this.config.fuelAllocationTimeoutMs),
      });
    } catch (error) {
      return { failure: this.networkFailure(error, request), kind: 'transient' };
    }

    const body = await readJson(response).catch(() => undefined);

    if (response.ok) return this.accepted(body, attempt);

    const { code, message, rest } = errorOf(body);

    if (isTransientStatus(response.status)) {
      const failure = {
        code: code ?? 'FUEL_ALLOCATION_UNAVAILABLE',
        message: message ?? `fuel-allocation responded with HTTP ${response.status}`,
        status: response.status,
      };

      return { failure, kind: 'transient' };
    }

    return {
      attempts: attempt,
      code: code ?? `FUEL_ALLOCATION_HTTP_${response.status}`,
      details: rest,
      kind: 'rejected',
      message: message ?? `fuel-allocation rejected the redemption with HTTP ${response.status}`,
      status: response.status,
    };
  }

  private accepted(body: unknown, attempt: number): RedemptionOutcome {
    const parsed = redemptionResponse.safeParse(body);

    if (!parsed.success) {
      this.logger.error({ body, issues: parsed.error.issues }, 'redemption response is invalid');

      return {
        attempts: attempt,
        code: 'FUEL_ALLOCATION_INVALID_RESPONSE',
        kind: 'unavailable',
        message: 'fuel-allocation accepted the redemption but its response does not match the API',
      };
    }

    return { attempts: attempt, kind: 'accepted', redemption: parsed.data };
  }

  private headers(
    request: RedemptionRequest,
    authorization: string | undefined,
  ): Record<string, string> {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'idempotency-key': request.idempotencyKey,
    };
    const correlationId = currentCorrelationId();

    if (correlationId) headers['x-correlation-id'] = correlationId;
    if (authorization !== undefined) headers.authorization = authorization;

    return headers;
  }

  /** The card authority issued no token: unreachable, or it rejected the station's credential. */
  private tokenFailure(error: unknown, request: RedemptionRequest): TransientFailure {
    this.logger.warn(
      { err: errorFields(error), idempotencyKey: request.idempotencyKey },
      'station token fetch failed',
    );

    return {
      code: 'STATION_TOKEN_UNAVAILABLE',
      message: `no token for fuel-allocation: ${(error as Error).message}`,
    };
  }

  private networkFailure(error: unknown, request: RedemptionRequest): TransientFailure {
    const timedOut = (error as Error | undefined)?.name === 'TimeoutError';
    // undici reports every network failure as "fetch failed" and puts the reason in `cause`.
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const reason = cause?.code ?? cause?.message ?? (error as Error).message;

    this.logger.debug(
      { err: errorFields(error), idempotencyKey: request.idempotencyKey },
      'redemption call got no response',
    );

    return timedOut
      ? {
          code: 'FUEL_ALLOCATION_TIMEOUT',
          message: `fuel-allocation did not respond within ${this.config.fuelAllocationTimeoutMs} ms`,
        }
      : {
          code: 'FUEL_ALLOCATION_UNREACHABLE',
          message: `fuel-allocation at ${this.config.fuelAllocationUrl} is unreachable: ${reason}`,
        };
  }
}
