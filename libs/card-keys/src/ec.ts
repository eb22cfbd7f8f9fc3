import { createPublicKey, generateKeyPairSync, type KeyObject, verify } from 'node:crypto';

import { CardKeyError } from './errors';

/** Length of an uncompressed P-256 point: 0x04 || X || Y. */
export const P256_POINT_LENGTH = 65;

/** Length of an ES256 signature as r || s (IEEE P1363), which PKCS#11 CKM_ECDSA also returns. */
export const ES256_SIGNATURE_LENGTH = 64;

/** DER of SubjectPublicKeyInfo for id-ecPublicKey on prime256v1, up to the BIT STRING contents. */
const P256_SPKI_PREFIX = Buffer.from('3059301306072a8648ce3d020106082a8648ce3d030107034200', 'hex');

/** DER of the OID prime256v1 (1.2.840.10045.3.1.7), the CKA_EC_PARAMS of a P-256 key. */
export const P256_EC_PARAMS = Buffer.from('06082a8648ce3d030107', 'hex');

export function assertP256Point(point: Uint8Array): void {
  if (point.length !== P256_POINT_LENGTH || point[0] !== 0x04) {
    throw new CardKeyError(
      'INVALID_KEY',
      `a P-256 public key is a 65-byte uncompressed point starting with 04, got ${point.length} bytes`,
    );
  }
}

/** Wraps an uncompressed P-256 point as a Node public key; throws when it is not on the curve. */
export function publicKeyFromPoint(point: Uint8Array): KeyObject {
  assertP256Point(point);

  try {
    return createPublicKey({
      format: 'der',
      key: Buffer.concat([P256_SPKI_PREFIX, point]),
      type: 'spki',
    });
  } catch (error) {
    throw new CardKeyError('INVALID_KEY', `the P-256 point is invalid: ${String(error)}`);
  }
}

/** Returns the uncompressed point of a P-256 public key. */
export function pointFromPublicKey(key: KeyObject): Buffer {
  const der = key.export({ format: 'der', type: 'spki' });

  if (der.length !== P256_SPKI_PREFIX.length + P256_POINT_LENGTH) {
    throw new CardKeyError('INVALID_KEY', 'the public key is not a P-256 key');
  }

  return der.subarray(P256_SPKI_PREFIX.length);
}

/** Encodes a P-256 point as a PEM SubjectPublicKeyInfo, for tools such as `openssl`. */
export function pointToPem(point: Uint8Array): string {
  return publicKeyFromPoint(point).export({ format: 'pem', type: 'spki' }).toString();
}

/** Verifies an ECDSA P-256 SHA-256 signature given as r || s. */
export function verifyEs256(point: Uint8Array, data: Uint8Array, signature: Uint8Array): boolean {
  if (signature.length !== ES256_SIGNATURE_LENGTH) {
    return false;
  }

  return verify(
    'sha256',
    data,
    { dsaEncoding: 'ieee-p1363', key: publicKeyFromPoint(point) },
    signature,
  );
}

/** A fresh P-256 key pair, such as a card's. */
export interface P256KeyPair {
  privateKey: KeyObject;
  publicPoint: Buffer;
}

export function generateP256KeyPair(): P256KeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });

  return { privateKey, publicPoint: pointFromPublicKey(publicKey) };
}
