import { testAuthorization } from '@bitaqa/testing';

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

/** Station ids of the gateways under test, by base URL, so calls carry their station's token. */
const stationsByUrl = new Map<string, string>();

/** Records which station a gateway URL belongs to. */
export function registerStationUrl(url: string, stationId: string): void {
  stationsByUrl.set(url, stationId);
}

function stationOf(url: string): string | undefined {
  for (const [base, stationId] of stationsByUrl) {
    if (url.startsWith(base)) return stationId;
  }

  return undefined;
}

/** Signs an attendant's token for the station gateway at `url`, bound to its station. */
export function attendantAuthorization(url: string): Promise<string> {
  const stationCode = stationOf(url);

  return testAuthorization({
    audience: 'station-gateway',
    scopes: ['station:operate'],
    ...(stationCode === undefined ? {} : { stationCode }),
  });
}

/** GETs `url` with an attendant's token, or with `authorization` (null sends none). */
export async function getJson<T>(
  url: string,
  authorization?: string | null,
): Promise<JsonResponse<T>> {
  const header = authorization === undefined ? await attendantAuthorization(url) : authorization;
  const response = await fetch(url, header === null ? {} : { headers: { authorization: header } });

  return { body: (await response.json()) as T, status: response.status };
}

/** POSTs `body`, or a raw string sent as is, as application/json. */
export async function postJson<T>(
  url: string,
  body: unknown,
  authorization?: string | null,
): Promise<JsonResponse<T>> {
  const header = authorization === undefined ? await attendantAuthorization(url) : authorization;
  const response = await fetch(url, {
    body: typeof body === 'string' ? body : JSON.stringify(body),
    headers: {
      'content-type': 'application/json',
      ...(header === null ? {} : { authorization: header }),
    },
    method: 'POST',
  });

  return { body: (await response.json()) as T, status: response.status };
}
