import { createHash, randomBytes } from 'node:crypto';

/** Prefix that makes a leaked station key recognizable in logs and secret scanners. */
const KEY_PREFIX = 'bsk_';

/** Generates a station key: the prefix and 256 random bits in base64url. */
export function newStationKey(): string {
  return `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
}

/** SHA-256 of a key in hex, the form stored and looked up. */
export function stationKeyHash(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** Returns the token of an `Authorization: Bearer <token>` header, or undefined. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer ([A-Za-z0-9_-]{1,200})$/.exec(header?.trim() ?? '');

  return match?.[1];
}
