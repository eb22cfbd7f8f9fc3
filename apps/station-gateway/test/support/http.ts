/** A JSON response: the HTTP status and the parsed body. */
export interface JsonResponse<T> {
  body: T;
  status: number;
}

/** Body of every error response of a Bitaqa API. */
export interface ErrorBody {
  error: {
    code: string;
    details?: Record<string, unknown>;
    field?: string;
    hint?: string;
    message: string;
    value?: unknown;
  };
}

export async function getJson<T>(url: string): Promise<JsonResponse<T>> {
  const response = await fetch(url);

  return { body: (await response.json()) as T, status: response.status };
}

/** POSTs `body`, or a raw string sent as is, as application/json. */
export async function postJson<T>(url: string, body: unknown): Promise<JsonResponse<T>> {
  const response = await fetch(url, {
    body: typeof body === 'string' ? body : JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
    method: 'POST',
  });

  return { body: (await response.json()) as T, status: response.status };
}
