import { setTimeout as sleep } from 'node:timers/promises';

import { type Logger } from '@bitaqa/observability';

import { SmsDeliveryError, type SmsGateway, type SmsMessage } from './sms-gateway';
import type { SmsGatewaySettings } from './sms-settings';

/** Maximum length of operator error text kept in an error message. */
const MAX_DETAIL_LENGTH = 200;

/** Waits a number of milliseconds; tests pass one that records the waits. */
export type Sleeper = (milliseconds: number) => Promise<unknown>;

/**
 * Sends messages to the operator's HTTP endpoint: `POST <url>` with a bearer token, an
 * `Idempotency-Key` header and the JSON body `{ to, text, reference }`. A 2xx response carries
 * `{ messageId }`. Retriable failures (see `SmsDeliveryError`) are tried again with exponential
 * backoff, up to the configured number of tries. Callers log the outcome; this class logs only
 * the retries.
 */
export class HttpSmsGateway implements SmsGateway {
  constructor(
    private readonly settings: SmsGatewaySettings,
    private readonly logger: Logger,
    private readonly wait: Sleeper = sleep,
  ) {}

  async send(message: SmsMessage): Promise<string> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.sendOnce(message);
      } catch (error) {
        if (!(error instanceof SmsDeliveryError)) throw error;
        if (!error.retriable || attempt >= this.settings.maxAttempts) throw error;

        const delayMs = this.backoffMs(attempt);

        this.logger.warn(
          { attempt, code: error.code, delayMs, reference: message.reference },
          'sms send failed, retrying',
        );
        await this.wait(delayMs);
      }
    }
  }

  /** Doubles the wait per try; the random half spreads out clients that failed together. */
  private backoffMs(attempt: number): number {
    const ceiling = this.settings.retryBaseMs * 2 ** (attempt - 1);

    return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
  }

  private async sendOnce(message: SmsMessage): Promise<string> {
    let status: number;
    let body: string;

    try {
      const response = await fetch(this.settings.url, {
        body: JSON.stringify({ reference: message.reference, text: message.text, to: message.to }),
        headers: {
          authorization: `Bearer ${this.settings.token}`,
          'content-type': 'application/json',
          'idempotency-key': message.reference,
        },
        method: 'POST',
        // A redirect would send the bearer token to another address.
        redirect: 'error',
        signal: AbortSignal.timeout(this.settings.timeoutMs),
      });

      status = response.status;
      body = await response.text();
    } catch (error) {
      throw this.transportError(error);
    }

    if (status >= 200 && status < 300) return this.messageIdFrom(body, status);

    throw statusError(status, body);
  }

  private transportError(error: unknown): SmsDeliveryError {
    if ((error as Error | null)?.name === 'TimeoutError') {
      return new SmsDeliveryError(
        'SMS_OPERATOR_TIMEOUT',
        `SMS operator did not answer within ${this.settings.timeoutMs} ms`,
        true,
        { cause: error },
      );
    }

    return new SmsDeliveryError(
      'SMS_OPERATOR_UNREACHABLE',
      `SMS operator at ${this.settings.url} is unreachable: ${(error as Error).message}`,
      true,
      { cause: error },
    );
  }

  private messageIdFrom(body: string, status: number): string {
    let messageId: unknown;

    try {
      messageId = (JSON.parse(body) as { messageId?: unknown }).messageId;
    } catch {
      messageId = undefined;
    }
    if (typeof messageId === 'string' && messageId.length > 0) return messageId;

    // The operator may have taken the message; a retry with the same reference is not resent.
    throw new SmsDeliveryError(
      'SMS_OPERATOR_BAD_RESPONSE',
      `SMS operator answered HTTP ${status} without a messageId: ${excerpt(body)}`,
      true,
      { httpStatus: status },
    );
  }
}

function excerpt(body: string): string {
  return body.length > MAX_DETAIL_LENGTH ? `${body.slice(0, MAX_DETAIL_LENGTH)}...` : body;
}

function statusError(status: number, body: string): SmsDeliveryError {
  const detail = `SMS operator answered HTTP ${status}: ${excerpt(body)}`;

  const options = { httpStatus: status };

  if (status === 429) return new SmsDeliveryError('SMS_OPERATOR_THROTTLED', detail, true, options);
  if (status === 408 || status === 425 || status >= 500) {
    return new SmsDeliveryError('SMS_OPERATOR_UNAVAILABLE', detail, true, options);
  }
  // Rejected credentials are the registry's configuration, not the message: fixing the token
  // lets queued messages go out.
  if (status === 401 || status === 403) {
    return new SmsDeliveryError('SMS_OPERATOR_AUTH_FAILED', detail, true, options);
  }

  return new SmsDeliveryError('SMS_REJECTED', detail, false, options);
}
