import { createPrivateKey } from 'node:crypto';

import { z } from 'zod';

import type { CardSecrets } from '@bitaqa/card';

import type { AuthorizationSource } from './authorization';
import { SecretsRequestError } from './secrets-error';

const base64Key = (bytes: number) =>
  z
    .base64()
    .refine((value) => Buffer.from(value, 'base64').length === bytes, `must be ${bytes} bytes`);

const secretsBody = z.object({
  cardKeys: z.object({ auth: base64Key(16), enc: base64Key(16), mac: base64Key(16) }),
  cardNumber: z.string(),
  certificate: z.base64().min(1),
  jobId: z.string(),
  keyVersion: z.number().int().min(1).max(0xffff),
  signingKey: z.base64().min(1),
});

const errorBody = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

/** Statuses where the authority rejected the job itself, so asking again cannot succeed. */
const FINAL_STATUSES: ReadonlySet<number> = new Set([400, 404, 409, 422]);

export interface SecretsClientOptions {
  authorization: AuthorizationSource;
  /** Base URL of the card authority, such as `http://127.0.0.1:3004`. */
  baseUrl: string;
  timeoutMs: number;
}

function toSecrets(body: z.infer<typeof secretsBody>): CardSecrets {
  return {
    certificate: Buffer.from(body.certificate, 'base64'),
    keys: {
      auth: Buffer.from(body.cardKeys.auth, 'base64'),
      enc: Buffer.from(body.cardKeys.enc, 'base64'),
      keyVersion: body.keyVersion,
      mac: Buffer.from(body.cardKeys.mac, 'base64'),
    },
    signingKey: createPrivateKey({
      format: 'der',
      key: Buffer.from(body.signingKey, 'base64'),
      type: 'pkcs8',
    }),
  };
}

/**
 * Fetches a job's card secrets from the card authority's
 * `POST /personalization/jobs/:jobId/secrets`. The response body is secret: it is parsed into
 * key objects and buffers and never logged.
 */
export class CardSecretsClient {
  constructor(private readonly options: SecretsClientOptions) {}

  async fetch(jobId: string, cardNumber: string): Promise<CardSecrets> {
    const response = await this.post(jobId);
    if (!response.ok) {
      throw await this.rejection(jobId, response);
    }

    const parsed = secretsBody.safeParse(await response.json().catch(() => null));
    if (!parsed.success || parsed.data.jobId !== jobId || parsed.data.cardNumber !== cardNumber) {
      throw new SecretsRequestError(
        'SECRETS_RESPONSE_INVALID',
        `the card authority returned malformed secrets for job ${jobId}`,
        false,
        { jobId, status: response.status },
      );
    }

    try {
      return toSecrets(parsed.data);
    } catch (error) {
      throw new SecretsRequestError(
        'SECRETS_RESPONSE_INVALID',
        `the signing key of job ${jobId} is not PKCS#8 DER`,
        false,
        { jobId },
        { cause: error },
      );
    }
  }

  /** Gets the Authorization header; a failed token request is retried later like an outage. */
  private async tokenFor(jobId: string): Promise<string | undefined> {
    try {
      return await this.options.authorization();
    } catch (error) {
      throw new SecretsRequestError(
        'AUTHORITY_TOKEN_UNAVAILABLE',
        `no access token from the card authority for job ${jobId}: ` +
          (error instanceof Error ? error.message : String(error)),
        true,
        { jobId },
        { cause: error },
      );
    }
  }

  private async post(jobId: string): Promise<Response> {
    const url = `${this.options.baseUrl}/personalization/jobs/${encodeURIComponent(jobId)}/secrets`;
    const authorization = await this.tokenFor(jobId);

    try {
      return await fetch(url, {
        headers: authorization === undefined ? {} : { authorization },
        method: 'POST',
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (error) {
      throw new SecretsRequestError(
        'AUTHORITY_UNREACHABLE',
        `the card authority at ${this.options.baseUrl} did not respond for job ${jobId}: ` +
          (error instanceof Error ? error.message : String(error)),
        true,
        { jobId },
        { cause: error },
      );
    }
  }

  private async rejection(jobId: string, response: Response): Promise<SecretsRequestError> {
    const parsed = errorBody.safeParse(await response.json().catch(() => null));
    const code = parsed.success ? parsed.data.error.code : `HTTP_${response.status}`;
    const reason = parsed.success ? parsed.data.error.message : response.statusText;

    return new SecretsRequestError(
      code,
      `the card authority rejected the secrets request of job ${jobId} with ${response.status}: ${reason}`,
      !FINAL_STATUSES.has(response.status),
      { jobId, status: response.status },
    );
  }
}
