import { KeyObject } from 'node:crypto';

import { AES_BLOCK_SIZE } from '@bitaqa/card-keys';

import { encodeCardKeysFile, encodeSigningKeyFile } from '../secure/card-secrets';
import { StaticCardKeys } from '../secure/session-keys';
import { PUT_KEY_FIXED_LENGTH } from './put-key-constants';

/** Key set that PUT KEY installs on a card in one step. */
export interface PutKeySet {
  /** The new static keys with their key version. */
  keys: StaticCardKeys;
  /** The new P-256 private key; only its scalar goes to the card. */
  signingKey: KeyObject;
  /** Card certificate of the new key pair under the new key version. */
  certificate: Buffer;
}

/** A key set as the card decodes it, with the signing key still as its 32-byte scalar. */
export interface DecodedPutKeySet {
  keys: StaticCardKeys;
  signingScalar: Buffer;
  certificate: Buffer;
}

/** Encodes a key set: version (2) || ENC || MAC || AUTH || signing scalar (32) || certificate. */
export function encodePutKeyPayload(set: PutKeySet): Buffer {
  return Buffer.concat([
    encodeCardKeysFile(set.keys),
    encodeSigningKeyFile(set.signingKey),
    set.certificate,
  ]);
}

/** Decodes a key set; null when it is shorter than the fixed part or has no certificate. */
export function decodePutKeyPayload(payload: Buffer): DecodedPutKeySet | null {
  if (payload.length <= PUT_KEY_FIXED_LENGTH) {
    return null;
  }

  const key = (index: number): Buffer =>
    Buffer.from(payload.subarray(2 + index * AES_BLOCK_SIZE, 2 + (index + 1) * AES_BLOCK_SIZE));
  const scalarStart = 2 + 3 * AES_BLOCK_SIZE;

  return {
    keys: { keyVersion: payload.readUInt16BE(0), enc: key(0), mac: key(1), auth: key(2) },
    signingScalar: Buffer.from(payload.subarray(scalarStart, PUT_KEY_FIXED_LENGTH)),
    certificate: Buffer.from(payload.subarray(PUT_KEY_FIXED_LENGTH)),
  };
}
