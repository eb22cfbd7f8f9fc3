import { setTimeout as sleep } from 'node:timers/promises';

import type { TokenSource } from '@bitaqa/auth';

const ATTEMPTS = 4;
const FIRST_BACKOFF_MS = 500;

/** The civil-records API returned an error status that retrying does not fix. */
export class CivilApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
    path: string,
  ) {
    super(`POST ${path} failed with HTTP ${status}: ${body.slice(0, 500)}`);
    this.name = 'CivilApiError';
  }
}

/**
 * Posts JSON to the civil-records API with a bearer token from `tokens` (scope civil:write).
 * Network failures and 5xx responses are retried with backoff, which is safe because every
 * endpoint the feed uses is idempotent.
 */
export async function postJson<T>(
  baseUrl: string,
  path: string,
  body: unknown,
  tokens: TokenSource,
): Promise<T> {
  const payload = JSON.stringify(body);
  let lastError: unknown;

  for (let attempt = 1; attempt <= ATTEMPTS; attempt += 1) {
    try {
      const response = await fetch(new URL(path, baseUrl), {
        body: payload,
        headers: {
          authorization: await tokens.authorization(),
          'content-type': 'application/json',
        },
        method: 'POST',
      });
      const text = await response.text();

      if (response.ok) return JSON.parse(text) as T;
      if (response.status < 500) throw new CivilApiError(response.status, text, path);

      lastError = new CivilApiError(response.status, text, path);
    } catch (error) {
      if (error instanceof CivilApiError && error.status < 500) throw error;

      lastError = error;
    }

    if (attempt < ATTEMPTS) await sleep(FIRST_BACKOFF_MS * 2 ** (attempt - 1));
  }

  throw new Error(`POST ${path} failed after ${ATTEMPTS} attempts`, { cause: lastError });
}
