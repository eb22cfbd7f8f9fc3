import { assertKeyVersion } from '../diversification';
import { assertP256Point, ES256_SIGNATURE_LENGTH } from '../ec';
import { CardKeyError } from '../errors';
import { decodeSingleTlv, decodeTlvSequence, encodeTlv, type Tlv } from '../tlv';
import {
  assertCertificateDate,
  decodeCertificateDate,
  encodeCertificateDate,
} from './certificate-dates';

/**
 * Tags of the compact certificate. The layout follows the card-verifiable certificates of BSI
 * TR-03110 part 3, appendix C. The key version (C1) and role (C2) are private tags.
 */
export const CertificateTag = {
  certificate: 0x7f21,
  body: 0x7f4e,
  profile: 0x5f29,
  issuerReference: 0x42,
  holderReference: 0x5f20,
  publicKey: 0x7f49,
  publicPoint: 0x86,
  keyVersion: 0xc1,
  role: 0xc2,
  effectiveDate: 0x5f25,
  expirationDate: 0x5f24,
  signature: 0x5f37,
} as const;

/** Version of this certificate layout. */
export const CERTIFICATE_PROFILE = 1;

const ROLE_CODES = { card: 0x02, issuer: 0x01 } as const;

export type CertificateRole = keyof typeof ROLE_CODES;

/** The signed fields of a certificate. Dates are UTC calendar days, both ends included. */
export interface CertificateBody {
  /** Holder: the card number of a card, the issuer reference of an issuer certificate. */
  holderReference: string;
  issuerReference: string;
  /** Issuer key version that signed the certificate, and of a card the keys it carries. */
  keyVersion: number;
  notAfter: string;
  notBefore: string;
  /** The holder's P-256 public key as an uncompressed point. */
  publicKey: Buffer;
  role: CertificateRole;
}

/** A decoded certificate with the exact bytes that its signature covers. */
export interface CardVerifiableCertificate extends CertificateBody {
  encoded: Buffer;
  signature: Buffer;
  signedBytes: Buffer;
}

const REFERENCE = /^[A-Z0-9-]{1,32}$/;

function assertReference(reference: string, field: string): void {
  if (!REFERENCE.test(reference)) {
    throw new CardKeyError(
      'INVALID_ARGUMENT',
      `${field} must be 1 to 32 characters A-Z, 0-9 or '-', got ${JSON.stringify(reference)}`,
    );
  }
}

/** Encodes the signed part of a certificate (tag 7F4E) after checking every field. */
export function encodeCertificateBody(body: CertificateBody): Buffer {
  assertReference(body.issuerReference, 'issuerReference');
  assertReference(body.holderReference, 'holderReference');
  assertKeyVersion(body.keyVersion);
  assertP256Point(body.publicKey);
  assertCertificateDate(body.notBefore, 'notBefore');
  assertCertificateDate(body.notAfter, 'notAfter');

  if (body.notAfter < body.notBefore) {
    throw new CardKeyError(
      'INVALID_ARGUMENT',
      `notAfter ${body.notAfter} is before notBefore ${body.notBefore}`,
    );
  }

  const version = Buffer.alloc(2);

  version.writeUInt16BE(body.keyVersion, 0);

  return encodeTlv(CertificateTag.body, [
    encodeTlv(CertificateTag.profile, Buffer.from([CERTIFICATE_PROFILE])),
    encodeTlv(CertificateTag.issuerReference, Buffer.from(body.issuerReference, 'ascii')),
    encodeTlv(CertificateTag.holderReference, Buffer.from(body.holderReference, 'ascii')),
    encodeTlv(CertificateTag.publicKey, encodeTlv(CertificateTag.publicPoint, body.publicKey)),
    encodeTlv(CertificateTag.keyVersion, version),
    encodeTlv(CertificateTag.role, Buffer.from([ROLE_CODES[body.role]])),
    encodeTlv(CertificateTag.effectiveDate, encodeCertificateDate(body.notBefore)),
    encodeTlv(CertificateTag.expirationDate, encodeCertificateDate(body.notAfter)),
  ]);
}

/** Joins an encoded body and its 64-byte r || s signature into a certificate (tag 7F21). */
export function assembleCertificate(signedBytes: Buffer, signature: Buffer): Buffer {
  return encodeTlv(CertificateTag.certificate, [
    signedBytes,
    encodeTlv(CertificateTag.signature, signature),
  ]);
}

function field(items: Tlv[], tag: number, name: string): Buffer {
  const found = items.filter((item) => item.tag === tag);

  if (found.length !== 1) {
    throw new CardKeyError('CERTIFICATE_MALFORMED', `certificate needs exactly one ${name}`);
  }

  return found[0]!.value;
}

function decodeRole(value: Buffer): CertificateRole {
  const role = (Object.keys(ROLE_CODES) as CertificateRole[]).find(
    (name) => value.length === 1 && ROLE_CODES[name] === value[0],
  );

  if (!role) {
    throw new CardKeyError('CERTIFICATE_MALFORMED', 'certificate role is unknown');
  }

  return role;
}

function decodeBody(items: Tlv[]): CertificateBody {
  const profile = field(items, CertificateTag.profile, 'profile');

  if (profile.length !== 1 || profile[0] !== CERTIFICATE_PROFILE) {
    throw new CardKeyError('CERTIFICATE_MALFORMED', 'certificate profile is not 1');
  }

  const publicKey = decodeSingleTlv(
    field(items, CertificateTag.publicKey, 'public key'),
    CertificateTag.publicPoint,
  ).value;
  const version = field(items, CertificateTag.keyVersion, 'key version');

  if (version.length !== 2) {
    throw new CardKeyError('CERTIFICATE_MALFORMED', 'certificate key version is not 2 bytes');
  }

  return {
    holderReference: field(items, CertificateTag.holderReference, 'holder').toString('ascii'),
    issuerReference: field(items, CertificateTag.issuerReference, 'issuer').toString('ascii'),
    keyVersion: version.readUInt16BE(0),
    notAfter: decodeCertificateDate(
      field(items, CertificateTag.expirationDate, 'expiration date'),
      'expiration date',
    ),
    notBefore: decodeCertificateDate(
      field(items, CertificateTag.effectiveDate, 'effective date'),
      'effective date',
    ),
    publicKey: Buffer.from(publicKey),
    role: decodeRole(field(items, CertificateTag.role, 'role')),
  };
}

/** Decodes a certificate without checking its signature or validity; see `verify*Certificate`. */
export function parseCertificate(encoded: Uint8Array): CardVerifiableCertificate {
  const bytes = Buffer.from(encoded);
  const outer = decodeSingleTlv(bytes, CertificateTag.certificate);
  const parts = decodeTlvSequence(outer.value);

  if (parts.length !== 2 || parts[0]!.tag !== CertificateTag.body) {
    throw new CardKeyError('CERTIFICATE_MALFORMED', 'certificate must be a body and a signature');
  }

  if (parts[1]!.tag !== CertificateTag.signature) {
    throw new CardKeyError('CERTIFICATE_MALFORMED', 'certificate signature is missing');
  }

  const signature = parts[1]!.value;

  if (signature.length !== ES256_SIGNATURE_LENGTH) {
    throw new CardKeyError('CERTIFICATE_MALFORMED', 'certificate signature is not 64 bytes');
  }

  const bodyLength = outer.value.length - encodeTlv(CertificateTag.signature, signature).length;
  const signedBytes = outer.value.subarray(0, bodyLength);
  const body = decodeBody(decodeTlvSequence(parts[0]!.value));

  try {
    assertP256Point(body.publicKey);
  } catch {
    throw new CardKeyError('CERTIFICATE_MALFORMED', 'certificate public key is not a P-256 point');
  }

  return { ...body, encoded: bytes, signature: Buffer.from(signature), signedBytes };
}
