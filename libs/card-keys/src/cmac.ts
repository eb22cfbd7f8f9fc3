import { createCipheriv, timingSafeEqual } from 'node:crypto';

import { CardKeyError } from './errors';

/** AES block size and CMAC tag size in bytes. */
export const AES_BLOCK_SIZE = 16;

/** The constant R_128 of RFC 4493 section 2.3, XORed into a subkey when its top bit shifts out. */
const RB = 0x87;

const ZERO_BLOCK = Buffer.alloc(AES_BLOCK_SIZE);

export interface CmacSubkeys {
  k1: Buffer;
  k2: Buffer;
}

/** Rejects anything but a 16-byte AES-128 key. */
export function assertAes128Key(key: Uint8Array): void {
  if (key.length !== AES_BLOCK_SIZE) {
    throw new CardKeyError('INVALID_KEY', `an AES-128 key has 16 bytes, got ${key.length}`);
  }
}

function encryptBlock(key: Uint8Array, block: Uint8Array): Buffer {
  const cipher = createCipheriv('aes-128-ecb', key, null).setAutoPadding(false);

  return Buffer.concat([cipher.update(block), cipher.final()]);
}

/** Shifts a block left by one bit and applies R_128 when the top bit falls off (RFC 4493 2.3). */
function doubleBlock(block: Buffer): Buffer {
  const doubled = Buffer.alloc(AES_BLOCK_SIZE);

  for (let i = 0; i < AES_BLOCK_SIZE; i += 1) {
    const next = i + 1 < AES_BLOCK_SIZE ? block[i + 1]! : 0;

    doubled[i] = ((block[i]! << 1) | (next >>> 7)) & 0xff;
  }

  if ((block[0]! & 0x80) !== 0) {
    doubled[AES_BLOCK_SIZE - 1] = doubled[AES_BLOCK_SIZE - 1]! ^ RB;
  }

  return doubled;
}

/** Generates the CMAC subkeys K1 and K2 from L = AES-128(K, 0^128), as RFC 4493 section 2.3. */
export function cmacSubkeys(key: Uint8Array): CmacSubkeys {
  assertAes128Key(key);

  const l = encryptBlock(key, ZERO_BLOCK);
  const k1 = doubleBlock(l);

  return { k1, k2: doubleBlock(k1) };
}

/** Builds the last block: complete blocks are XORed with K1, padded ones with K2. */
function lastBlock(message: Uint8Array, subkeys: CmacSubkeys): Buffer {
  const complete = message.length > 0 && message.length % AES_BLOCK_SIZE === 0;
  const start = complete
    ? message.length - AES_BLOCK_SIZE
    : message.length - (message.length % AES_BLOCK_SIZE);
  const block = Buffer.alloc(AES_BLOCK_SIZE);

  Buffer.from(message.subarray(start)).copy(block);

  if (!complete) {
    block[message.length - start] = 0x80;
  }

  const subkey = complete ? subkeys.k1 : subkeys.k2;

  for (let i = 0; i < AES_BLOCK_SIZE; i += 1) {
    block[i] = block[i]! ^ subkey[i]!;
  }

  return block;
}

/**
 * Computes the AES-128 CMAC of `message` (RFC 4493, NIST SP 800-38B) as a 16-byte tag. The
 * chaining runs as AES-CBC with a zero IV over all blocks, whose last ciphertext block is the tag.
 */
export function aesCmac(key: Uint8Array, message: Uint8Array): Buffer {
  const subkeys = cmacSubkeys(key);
  const fullBlocks = message.length === 0 ? 0 : Math.ceil(message.length / AES_BLOCK_SIZE) - 1;
  const input = Buffer.concat([
    message.subarray(0, fullBlocks * AES_BLOCK_SIZE),
    lastBlock(message, subkeys),
  ]);
  const cipher = createCipheriv('aes-128-cbc', key, ZERO_BLOCK).setAutoPadding(false);
  const chained = Buffer.concat([cipher.update(input), cipher.final()]);

  return chained.subarray(chained.length - AES_BLOCK_SIZE);
}

/**
 * Checks a CMAC tag in constant time for tags of the same length. A tag shorter than 8 bytes is
 * rejected, because NIST SP 800-38B advises against shorter tags without a strict retry limit.
 */
export function verifyAesCmac(key: Uint8Array, message: Uint8Array, tag: Uint8Array): boolean {
  if (tag.length < 8 || tag.length > AES_BLOCK_SIZE) {
    return false;
  }

  const expected = aesCmac(key, message).subarray(0, tag.length);

  return timingSafeEqual(expected, tag);
}
