import { randomUUID } from 'node:crypto';

import { codeDigest, codeMatches, generateCode } from './one-time-code';

const KEY = 'k'.repeat(32);

describe('one-time codes', () => {
  it('generates six digits', () => {
    const codes = Array.from({ length: 2_000 }, generateCode);

    expect(codes.every((code) => /^\d{6}$/.test(code))).toBe(true);
    expect(new Set(codes).size).toBeGreaterThan(1_990);
  });

  it('matches only the right code', () => {
    const challengeId = randomUUID();
    const digest = codeDigest(KEY, challengeId, '042137');

    expect(codeMatches(KEY, challengeId, '042137', digest)).toBe(true);
    expect(codeMatches(KEY, challengeId, '042138', digest)).toBe(false);
    expect(codeMatches('x'.repeat(32), challengeId, '042137', digest)).toBe(false);
    expect(codeMatches(KEY, randomUUID(), '042137', digest)).toBe(false);
    expect(codeMatches(KEY, challengeId, '042137', 'abcd')).toBe(false);
  });

  it('digests without the code in clear', () => {
    const digest = codeDigest(KEY, randomUUID(), '123456');

    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    expect(digest).not.toContain('123456');
  });
});
