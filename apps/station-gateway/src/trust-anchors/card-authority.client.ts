import { z } from 'zod';

import {
  issuerCertificateEntry,
  KEY_VERSION_STATUSES,
  type IssuerCertificateEntry,
} from './issuer-certificates';
import { TrustAnchorError } from './trust-anchor-error';

const keyVersionList = z.array(
  z.object({ status: z.enum(KEY_VERSION_STATUSES), version: z.number().int().min(1) }),
);

export type KeyVersionList = z.infer<typeof keyVersionList>;

/** The card authority's public key API: GET /keys/versions and GET /keys/issuer-certificate. */
export class CardAuthorityClient {
  constructor(
    private readonly baseUrl: string,
    private readonly timeoutMs: number,
  ) {}

  listKeyVersions(): Promise<KeyVersionList> {
    return this.getJson('/keys/versions', keyVersionList);
  }

  issuerCertificate(version: number): Promise<IssuerCertificateEntry> {
    return this.getJson(`/keys/issuer-certificate?version=${version}`, issuerCertificateEntry);
  }

  private async getJson<T>(path: string, schema: z.ZodType<T>): Promise<T> {
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
