import { assertCardNumber, assertKeyVersion } from '../diversification';
import { assembleCertificate, encodeCertificateBody, type CertificateBody } from './cv-certificate';

/** Signs bytes with the issuer key of one version and returns the signature as r || s. */
export type IssuerSigner = (keyVersion: number, data: Buffer) => Promise<Buffer>;

/** Issuer reference of one key version, such as `SY-BITAQA-K0001`. */
export function issuerReference(keyVersion: number): string {
  assertKeyVersion(keyVersion);

  return `SY-BITAQA-K${String(keyVersion).padStart(4, '0')}`;
}

/** Encodes and signs a certificate body with the issuer key of `body.keyVersion`. */
export async function issueCertificate(body: CertificateBody, sign: IssuerSigner): Promise<Buffer> {
  const signedBytes = encodeCertificateBody(body);
  const signature = await sign(body.keyVersion, signedBytes);

  return assembleCertificate(signedBytes, signature);
}

export interface IssuerCertificateInput {
  keyVersion: number;
  notAfter: string;
  notBefore: string;
  publicKey: Buffer;
}

/** Issues the self-signed certificate of an issuer key version. */
export function issueIssuerCertificate(
  input: IssuerCertificateInput,
  sign: IssuerSigner,
): Promise<Buffer> {
  const reference = issuerReference(input.keyVersion);

  return issueCertificate(
    { ...input, holderReference: reference, issuerReference: reference, role: 'issuer' },
    sign,
  );
}

export interface CardCertificateInput {
  cardNumber: string;
  keyVersion: number;
  notAfter: string;
  notBefore: string;
  /** The card's P-256 public key as an uncompressed point. */
  publicKey: Buffer;
}

/** Issues a card certificate signed by the issuer key of `input.keyVersion`. */
export function issueCardCertificate(
  input: CardCertificateInput,
  sign: IssuerSigner,
): Promise<Buffer> {
  assertCardNumber(input.cardNumber);

  return issueCertificate(
    {
      holderReference: input.cardNumber,
      issuerReference: issuerReference(input.keyVersion),
      keyVersion: input.keyVersion,
      notAfter: input.notAfter,
      notBefore: input.notBefore,
      publicKey: input.publicKey,
      role: 'card',
    },
    sign,
  );
}
