import type { TokenSource } from '@bitaqa/auth';

/** Response of a JSON API call: the status and the parsed body. */
export interface JsonResponse<T> {
  body: T;
  status: number;
}

/**
 * Sends one JSON request and returns the status and parsed body, whatever the status. With
 * `auth`, the request carries the bearer token that source gives.
 */
export async function callJson<T>(
  method: string,
  url: string,
  body?: unknown,
  auth?: TokenSource,
): Promise<JsonResponse<T>> {
  const headers: Record<string, string> = {};

  if (auth) headers.authorization = await auth.authorization();
  if (body !== undefined) headers['content-type'] = 'application/json';

  const response = await fetch(url, {
    body: body === undefined ? undefined : JSON.stringify(body),
    headers,
    method,
  });
  const text = await response.text();

  return { body: (text ? JSON.parse(text) : undefined) as T, status: response.status };
}

export function getJson<T>(url: string, auth?: TokenSource): Promise<JsonResponse<T>> {
  return callJson<T>('GET', url, undefined, auth);
}

export function postJson<T>(
  url: string,
  body: unknown,
  auth?: TokenSource,
): Promise<JsonResponse<T>> {
  return callJson<T>('POST', url, body, auth);
}

/** Sends a GET that must return 200; any other status fails naming the URL, status and body. */
export async function getOk<T>(url: string, auth?: TokenSource): Promise<T> {
  const response = await getJson<T>(url, auth);

  if (response.status !== 200) {
    throw new Error(
      `GET ${url} failed with HTTP ${response.status}: ${JSON.stringify(response.body)}`,
    );
  }

  return response.body;
}

/** Sends a request and throws, naming the call and body, unless the status is one of `expected`. */
export async function expectStatus<T>(
  expected: number | number[],
  method: string,
  url: string,
  options: { auth?: TokenSource; body?: unknown } = {},
): Promise<T> {
  const response = await callJson<T>(method, url, options.body, options.auth);
  const allowed = Array.isArray(expected) ? expected : [expected];

  if (!allowed.includes(response.status)) {
    throw new Error(
      `${method} ${url} returned HTTP ${response.status}: ${JSON.stringify(response.body)}`,
    );
  }

  return response.body;
}
