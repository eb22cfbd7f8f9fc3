import { createPrivateKey, KeyObject } from 'node:crypto';

import { AES_BLOCK_SIZE } from '@bitaqa/card-keys';

import { StaticCardKeys } from './session-keys';

/** Bytes of a P-256 private scalar. */
export const P256_SCALAR_LENGTH = 32;

/** DER of a SEC 1 ECPrivateKey up to the scalar, and the prime256v1 parameters after it. */
const SEC1_PREFIX = Buffer.from('30310201010420', 'hex');
const SEC1_SUFFIX = Buffer.from('a00a06082a8648ce3d030107', 'hex');

/** Encodes the card keys file: key version (2 bytes), ENC, MAC, AUTH. */
export function encodeCardKeysFile(keys: StaticCardKeys): Buffer {
  const version = Buffer.alloc(2);
  version.writeUInt16BE(keys.keyVersion);

  return Buffer.concat([version, keys.enc, keys.mac, keys.auth]);
}

/** Decodes the card keys file; null when no keys were loaded (key version 0). */
export function decodeCardKeysFile(content: Buffer): StaticCardKeys | null {
  const keyVersion = content.readUInt16BE(0);
  if (keyVersion === 0) {
    return null;
  }

  const key = (index: number): Buffer =>
    Buffer.from(content.subarray(2 + index * AES_BLOCK_SIZE, 2 + (index + 1) * AES_BLOCK_SIZE));

  return { keyVersion, enc: key(0), mac: key(1), auth: key(2) };
}

/** Returns the private scalar d of a P-256 private key, the content of the signing key file. */
export function encodeSigningKeyFile(privateKey: KeyObject): Buffer {
  const jwk = privateKey.export({ format: 'jwk' });
  if (jwk.crv !== 'P-256' || jwk.d === undefined) {
    throw new TypeError('the card signing key must be a P-256 private key');
  }

  return Buffer.from(jwk.d, 'base64url');
}

/** Rebuilds the signing key from its file; null when the file was never written. */
export function decodeSigningKeyFile(content: Buffer): KeyObject | null {
  if (content.every((byte) => byte === 0)) {
    return null;
  }

  return createPrivateKey({
    key: Buffer.concat([SEC1_PREFIX, content, SEC1_SUFFIX]),
    format: 'der',
    type: 'sec1',
  });
}

/** The card's persistent security counters. */
export interface SecurityCounters {
  /** Number of signatures INTERNAL AUTHENTICATE has made; never decreases. */
  transactionCounter: number;
  /** Wrong host cryptograms since the last successful MUTUAL AUTHENTICATE. */
  authenticationFailures: number;
}

export function readSecurityCounters(content: Buffer): SecurityCounters {
  return {
    transactionCounter: content.readUInt32BE(0),
    authenticationFailures: content.readUInt8(4),
  };
}

/** Writes the counters into the file buffer in place, as the card's persistent memory. */
export function writeSecurityCounters(content: Buffer, counters: SecurityCounters): void {
  content.writeUInt32BE(counters.transactionCounter, 0);
  content.writeUInt8(Math.min(counters.authenticationFailures, 0xff), 4);
}
