import { AES_BLOCK_SIZE, aesCmac } from './cmac';
import { CardKeyError } from './errors';

/** One PRF call of the KDF: a MAC of `input` under the key-derivation key K_I. */
export type Prf = (input: Buffer) => Buffer;

/** Width of the counter [i]_2 in bits. */
export type CounterBits = 8 | 16 | 24 | 32;

export interface CounterModeInput {
  /** Bits of the counter, which precedes the fixed input data in every PRF input. */
  counterBits: CounterBits;
  /** The fixed input data: usually Label || 0x00 || Context || [L]_2, see {@link fixedInputData}. */
  fixedInput: Uint8Array;
  /** L, the length of the derived keying material in bits; a whole number of bytes. */
  lengthBits: number;
  /** Output size of the PRF in bytes; 16 for AES-CMAC. */
  prfOutputBytes?: number;
}

function counterBytes(counter: number, counterBits: CounterBits): Buffer {
  const bytes = Buffer.alloc(counterBits / 8);

  bytes.writeUIntBE(counter, 0, bytes.length);

  return bytes;
}

/**
 * Derives L bits with the KDF in counter mode of NIST SP 800-108 (section 4.1), counter before the
 * fixed input data: K(i) = PRF(K_I, [i]_r || fixed input) for i = 1..n, output the first L bits.
 */
export function kdfCounterMode(prf: Prf, input: CounterModeInput): Buffer {
  const { counterBits, lengthBits } = input;
  const blockBytes = input.prfOutputBytes ?? AES_BLOCK_SIZE;

  if (!Number.isInteger(lengthBits) || lengthBits <= 0 || lengthBits % 8 !== 0) {
    throw new CardKeyError(
      'INVALID_ARGUMENT',
      `L must be a positive whole number of bytes in bits, got ${lengthBits}`,
    );
  }

  const blocks = Math.ceil(lengthBits / 8 / blockBytes);

  if (blocks > 2 ** counterBits - 1) {
    throw new CardKeyError(
      'INVALID_ARGUMENT',
      `L = ${lengthBits} bits needs ${blocks} PRF blocks, more than a ${counterBits}-bit counter allows`,
    );
  }

  const fixed = Buffer.from(input.fixedInput);
  const output: Buffer[] = [];

  for (let i = 1; i <= blocks; i += 1) {
    output.push(prf(Buffer.concat([counterBytes(i, counterBits), fixed])));
  }

  return Buffer.concat(output).subarray(0, lengthBits / 8);
}

/** Runs {@link kdfCounterMode} with AES-128 CMAC as the PRF under `key`. */
export function kdfCounterModeAesCmac(key: Uint8Array, input: CounterModeInput): Buffer {
  return kdfCounterMode((block) => aesCmac(key, block), input);
}

/**
 * Encodes the fixed input data that SP 800-108 suggests: Label || 0x00 || Context || [L]_32,
 * with L in bits as a 32-bit big-endian integer.
 */
export function fixedInputData(label: Uint8Array, context: Uint8Array, lengthBits: number): Buffer {
  const length = Buffer.alloc(4);

  length.writeUInt32BE(lengthBits, 0);

  return Buffer.concat([label, Buffer.from([0x00]), context, length]);
}
