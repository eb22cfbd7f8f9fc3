import { issuerReference } from '@bitaqa/card-keys';

import type { KeyVersion as KeyVersionRow } from '../generated/prisma/client';

export type KeyVersionStatus = 'active' | 'retired' | 'retiring';

/** One issuer key version as the API shows it. */
export interface KeyVersionView {
  createdAt: string;
  issuerReference: string;
  retiredAt: string | null;
  retiringAt: string | null;
  status: KeyVersionStatus;
  version: number;
}

/** An issuer certificate of one version, for stations to pin as a trust anchor. */
export interface IssuerCertificateView {
  /** The compact certificate, base64. */
  certificate: string;
  issuerReference: string;
  notAfter: string;
  notBefore: string;
  /** The issuer public key as a PEM SubjectPublicKeyInfo. */
  publicKeyPem: string;
  status: KeyVersionStatus;
  version: number;
}

export function toKeyVersionView(row: KeyVersionRow): KeyVersionView {
  return {
    createdAt: row.createdAt.toISOString(),
    issuerReference: issuerReference(row.version),
    retiredAt: row.retiredAt?.toISOString() ?? null,
    retiringAt: row.retiringAt?.toISOString() ?? null,
    status: row.status,
    version: row.version,
  };
}
