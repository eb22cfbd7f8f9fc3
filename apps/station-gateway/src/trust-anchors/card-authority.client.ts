import type { z } from 'zod';

import { issuerCertificateEntry, type IssuerCertificateEntry } from './issuer-certificates';
import { TrustAnchorError } from './trust-anchor-error';

/**
 * The card authority's public GET /keys/issuer-certificate, which needs no credential: the
 * certificate is public and the station decides whether to trust it.
 */
export class CardAuthorityClient {
  constructor(
    private readonly baseUrl: string,
    private readonly timeoutMs: number,
  ) {}

  /** Fetches the certificate of `version`, or of the active version; undefined on 404. */
  issuerCertificate(version?: number): Promise<IssuerCertificateEntry | undefined> {
    const query = version === undefined ? '' : `?version=${version}`;

    return this.getJson(`/keys/issuer-certificate${query}`, issuerCertificateEntry);
  }

  private async getJson<T>(path: string, schema: z.ZodType<T>): Promise<T | undefined> {
    const url = `${this.baseUrl}${path}`;
    let response: Response;

    try {
      response = await fetch(url, { signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (error) {
      throw new TrustAnchorError(
        'CARD_AUTHORITY_UNAVAILABLE',
        `GET ${url} failed: ${error instanceof Error ? error.message : String(error)}`,
        { url },
        { cause: error },
      );
    }

    if (response.status === 404) return undefined;

    const body: unknown = await response.json().catch(() => undefined);
    const parsed = schema.safeParse(body);

    if (!response.ok || !parsed.success) {
      throw new TrustAnchorError(
        'CARD_AUTHORITY_UNAVAILABLE',
        `GET ${url} returned HTTP ${response.status} with ${parsed.success ? 'an error' : 'an unexpected body'}`,
        { status: response.status, url },
      );
    }

    return parsed.data;
  }
}
