/** Response of a JSON API call: the status and the parsed body. */
export interface JsonResponse<T> {
  body: T;
  status: number;
}

/** Sends one JSON request and returns the status and parsed body, whatever the status. */
export async function callJson<T>(
  method: string,
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<JsonResponse<T>> {
  const response = await fetch(url, {
    body: body === undefined ? undefined : JSON.stringify(body),
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    method,
  });
  const text = await response.text();

  return { body: (text ? JSON.parse(text) : undefined) as T, status: response.status };
}

export function getJson<T>(url: string): Promise<JsonResponse<T>> {
  return callJson<T>('GET', url);
}

export function postJson<T>(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<JsonResponse<T>> {
  return callJson<T>('POST', url, body, headers);
}

/** Sends a GET that must return 200; any other status fails naming the URL, status and body. */
export async function getOk<T>(url: string): Promise<T> {
  const response = await getJson<T>(url);

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
  options: { body?: unknown; key?: string } = {},
): Promise<T> {
  const headers: Record<string, string> = options.key
    ? { authorization: `Bearer ${options.key}` }
    : {};
  const response = await callJson<T>(method, url, options.body, headers);
  const allowed = Array.isArray(expected) ? expected : [expected];

  if (!allowed.includes(response.status)) {
    throw new Error(
      `${method} ${url} returned HTTP ${response.status}: ${JSON.stringify(response.body)}`,
    );
  }

  return response.body;
}
