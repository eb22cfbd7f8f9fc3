import { testAuthorization } from '@bitaqa/testing';

/** A parsed HTTP response. */
export interface HttpResult<Body = Record<string, unknown>> {
  body: Body;
  headers: Headers;
  status: number;
}

/** Scopes of the operator token that the helpers send unless a test passes its own header. */
export const OPERATOR_SCOPES = ['fuel:operate', 'fuel:read'];

let operator: Promise<string> | undefined;

/** Authorization header of a fuel programme officer, signed once per test file. */
export function operatorAuthorization(): Promise<string> {
  operator ??= testAuthorization({
    audience: 'fuel-allocation',
    kind: 'operator',
    scopes: OPERATOR_SCOPES,
    subject: 'fuel-test-officer',
    ttlSeconds: 3600,
  });

  return operator;
}

/** Request headers with the operator's token; `headers` may replace it. */
export async function withOperator(
  headers: Record<string, string> = {},
): Promise<Record<string, string>> {
  return { authorization: await operatorAuthorization(), ...headers };
}

export async function postJson<Body = Record<string, unknown>>(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<HttpResult<Body>> {
  const response = await fetch(url, {
    body: typeof body === 'string' ? body : JSON.stringify(body),
    headers: await withOperator({ 'content-type': 'application/json', ...headers }),
    method: 'POST',
  });

  return {
    body: (await response.json()) as Body,
    headers: response.headers,
    status: response.status,
  };
}

export async function getJson<Body = Record<string, unknown>>(
  url: string,
  headers: Record<string, string> = {},
): Promise<HttpResult<Body>> {
  const response = await fetch(url, { headers: await withOperator(headers) });

  return {
    body: (await response.json()) as Body,
    headers: response.headers,
    status: response.status,
  };
}

/** Returns the `error` object of an error body. */
export function errorOf(result: HttpResult<unknown>): Record<string, unknown> {
  const body = result.body as { error?: Record<string, unknown> } | null;

  return body?.error ?? {};
}
