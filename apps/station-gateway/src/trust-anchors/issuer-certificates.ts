import { issuerReference, verifyIssuerCertificate } from '@bitaqa/card-keys';
import { z } from 'zod';

import { TrustAnchorError } from './trust-anchor-error';

export const KEY_VERSION_STATUSES = ['active', 'retiring', 'retired'] as const;

export type KeyVersionStatus = (typeof KEY_VERSION_STATUSES)[number];

export type TrustAnchorSource = 'authority' | 'file';

/**
 * One issuer certificate as the card authority's GET /keys/issuer-certificate returns it, and
 * as an issuer certificates file lists it. Other fields of that response are ignored.
 */
export const issuerCertificateEntry = z.object({
  /** The compact self-signed issuer certificate, base64. */
  certificate: z.base64().min(1),
  status: z.enum(KEY_VERSION_STATUSES),
  version: z.number().int().min(1).max(9999),
});

export type IssuerCertificateEntry = z.infer<typeof issuerCertificateEntry>;

/** Content of ISSUER_CERTIFICATES_FILE. */
export const issuerCertificatesFile = z.object({
  issuerCertificates: z.array(issuerCertificateEntry).min(1),
});

/** An issuer certificate that passed its checks, ready to store as a trust anchor. */
export interface CheckedIssuerCertificate {
  certificate: Buffer;
  issuerReference: string;
  keyVersion: number;
  notAfter: string;
  notBefore: string;
  publicKey: Buffer;
  source: TrustAnchorSource;
  status: KeyVersionStatus;
}

/**
 * Checks one issuer certificate: self-signed by the issuer key it carries, valid at `now`, and
 * of the key version and issuer reference the entry claims. Whether to trust the issuer is
 * decided by where the entry came from, the configured authority or the installer's file.
 */
export function checkIssuerCertificate(
  entry: IssuerCertificateEntry,
  source: TrustAnchorSource,
  now: Date,
): CheckedIssuerCertificate {
  const bytes = Buffer.from(entry.certificate, 'base64');
  let issuer;

  try {
    issuer = verifyIssuerCertificate(bytes, { now });
  } catch (error) {
    throw new TrustAnchorError(
      'ISSUER_CERTIFICATE_INVALID',
      `issuer certificate of key version ${entry.version} from the ${source} is invalid: ` +
        `${error instanceof Error ? error.message : String(error)}`,
      { keyVersion: entry.version, source },
      { cause: error },
    );
  }

  if (
    issuer.keyVersion !== entry.version ||
    issuer.holderReference !== issuerReference(entry.version)
  ) {
    throw new TrustAnchorError(
      'ISSUER_CERTIFICATE_INVALID',
      `issuer certificate listed as key version ${entry.version} is ${issuer.holderReference} ` +
        `key version ${issuer.keyVersion}`,
      { keyVersion: entry.version, source },
    );
  }

  return {
    certificate: bytes,
    issuerReference: issuer.holderReference,
    keyVersion: issuer.keyVersion,
    notAfter: issuer.notAfter,
    notBefore: issuer.notBefore,
    publicKey: issuer.publicKey,
    source,
    status: entry.status,
  };
}
