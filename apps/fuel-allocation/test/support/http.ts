/** A parsed HTTP response. */
export interface HttpResult<Body = Record<string, unknown>> {
  body: Body;
  headers: Headers;
  status: number;
}

export async function postJson<Body = Record<string, unknown>>(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<HttpResult<Body>> {
  const response = await fetch(url, {
    body: typeof body === 'string' ? body : JSON.stringify(body),
    headers: { 'content-type': 'application/json', ...headers },
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
): Promise<HttpResult<Body>> {
  const response = await fetch(url);

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
