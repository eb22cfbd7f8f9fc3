import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Bytes of randomness in a client secret, which is sent base64url-encoded (43 characters). */
const SECRET_BYTES = 32;

/** Stand-in hash compared against when the client id is unknown, so both cases take as long. */
const UNKNOWN_CLIENT_HASH = createHash('sha256').update('no such client').digest();

/** Creates a new random client secret. */
export function generateSecret(): string {
  return randomBytes(SECRET_BYTES).toString('base64url');
}

/**
 * Hashes the secret's UTF-8 bytes with SHA-256, the only form in which a secret is stored. The
 * result is a plain Uint8Array, because Prisma's Bytes fields take no Buffer.
 */
export function hashSecret(secret: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(createHash('sha256').update(secret, 'utf8').digest());
}

/**
 * Compares a presented secret with a stored hash in constant time. A null hash (unknown client)
 * is compared against a stand-in and never matches.
 */
export function secretMatches(presented: string, storedHash: Uint8Array | null): boolean {
  const presentedHash = hashSecret(presented);
  const expected = storedHash === null ? UNKNOWN_CLIENT_HASH : Buffer.from(storedHash);
  const equal =
    expected.length === presentedHash.length && timingSafeEqual(presentedHash, expected);

  return equal && storedHash !== null;
}
