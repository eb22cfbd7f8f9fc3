/** Response of a JSON API call: the status and the parsed body. */
export interface JsonResponse<T> {
  body: T;
  status: number;
}

async function call<T>(
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
  return call<T>('GET', url);
}

export function postJson<T>(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<JsonResponse<T>> {
  return call<T>('POST', url, body, headers);
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
