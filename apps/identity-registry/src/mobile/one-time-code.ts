import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';

export const CODE_LENGTH = 6;

/** Draws a code of six decimal digits from the system's cryptographic random source. */
export function generateCode(): string {
  return String(randomInt(0, 10 ** CODE_LENGTH)).padStart(CODE_LENGTH, '0');
}

/**
 * Returns the hex HMAC-SHA256 of a code. The challenge id is part of the input, so a stored
 * digest is worth nothing for any other challenge.
 */
export function codeDigest(key: string, challengeId: string, code: string): string {
  return createHmac('sha256', key).update(`${challengeId}:${code}`).digest('hex');
}

/** Compares in constant time, so the response time leaks nothing about the stored digest. */
export function codeMatches(
  key: string,
  challengeId: string,
  code: string,
  storedDigest: string,
): boolean {
  const candidate = Buffer.from(codeDigest(key, challengeId, code), 'hex');
  const stored = Buffer.from(storedDigest, 'hex');

  return candidate.length === stored.length && timingSafeEqual(candidate, stored);
}
