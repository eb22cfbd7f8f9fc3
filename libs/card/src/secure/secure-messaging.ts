import { createCipheriv, createDecipheriv, timingSafeEqual } from 'node:crypto';

import { AES_BLOCK_SIZE, aesCmac } from '@bitaqa/card-keys';

import { SECURE_MAC_LENGTH } from './secure-constants';
import { SessionKeys } from './session-keys';

/**
 * Chaining state of a secure channel, the same on host and card: the full 16-byte MAC of the
 * last command (zeros before the first one) and the number of commands sent so far.
 */
export interface ChannelChain {
  keys: SessionKeys;
  macChain: Buffer;
  counter: number;
}

export function newChannelChain(keys: SessionKeys): ChannelChain {
  return { keys, macChain: Buffer.alloc(AES_BLOCK_SIZE), counter: 0 };
}

/** The header bytes a command MAC covers. */
export interface SecureHeader {
  cla: number;
  ins: number;
  p1: number;
  p2: number;
}

/** ISO/IEC 9797-1 padding method 2: 80, then 00 up to a whole block. */
export function padBlock(data: Buffer): Buffer {
  const padLength = AES_BLOCK_SIZE - (data.length % AES_BLOCK_SIZE);
  const padding = Buffer.alloc(padLength);
  padding[0] = 0x80;

  return Buffer.concat([data, padding]);
}

/** Removes method 2 padding; returns null when the padding is malformed. */
export function unpadBlock(padded: Buffer): Buffer | null {
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0x00) {
    end--;
  }

  if (end < 0 || padded[end] !== 0x80 || padded.length - end > AES_BLOCK_SIZE) {
    return null;
  }

  return padded.subarray(0, end);
}

/** IV of command number `counter`: AES-ECB of the counter as a 16-byte big-endian block. */
function counterIv(key: Buffer, counter: number): Buffer {
  const block = Buffer.alloc(AES_BLOCK_SIZE);
  block.writeUIntBE(counter, AES_BLOCK_SIZE - 6, 6);
  const cipher = createCipheriv('aes-128-ecb', key, null).setAutoPadding(false);

  return Buffer.concat([cipher.update(block), cipher.final()]);
}

export function encryptCommandData(chain: ChannelChain, data: Buffer): Buffer {
  if (data.length === 0) {
    return data;
  }

  const iv = counterIv(chain.keys.enc, chain.counter);
  const cipher = createCipheriv('aes-128-cbc', chain.keys.enc, iv).setAutoPadding(false);

  return Buffer.concat([cipher.update(padBlock(data)), cipher.final()]);
}

/** Decrypts command data; returns null when its length or padding is wrong. */
export function decryptCommandData(chain: ChannelChain, encrypted: Buffer): Buffer | null {
  if (encrypted.length === 0) {
    return encrypted;
  }

  if (encrypted.length % AES_BLOCK_SIZE !== 0) {
    return null;
  }

  const iv = counterIv(chain.keys.enc, chain.counter);
  const decipher = createDecipheriv('aes-128-cbc', chain.keys.enc, iv).setAutoPadding(false);

  return unpadBlock(Buffer.concat([decipher.update(encrypted), decipher.final()]));
}

/**
 * Computes the full command MAC: AES-CMAC under the session CMAC key of the MAC chain, the
 * header, the length of the data field with the MAC (2 bytes) and the encrypted data.
 */
export function commandMac(chain: ChannelChain, header: SecureHeader, encrypted: Buffer): Buffer {
  const fields = Buffer.alloc(6);
  fields.writeUInt8(header.cla, 0);
  fields.writeUInt8(header.ins, 1);
  fields.writeUInt8(header.p1, 2);
  fields.writeUInt8(header.p2, 3);
  fields.writeUInt16BE(encrypted.length + SECURE_MAC_LENGTH, 4);

  return aesCmac(chain.keys.cmac, Buffer.concat([chain.macChain, fields, encrypted]));
}

/** Computes the response MAC: AES-CMAC under the RMAC key of the MAC chain, data and SW. */
export function responseMac(chain: ChannelChain, data: Buffer, sw: number): Buffer {
  const status = Buffer.alloc(2);
  status.writeUInt16BE(sw);

  return aesCmac(chain.keys.rmac, Buffer.concat([chain.macChain, data, status])).subarray(
    0,
    SECURE_MAC_LENGTH,
  );
}

/** Compares a received MAC with the expected one in constant time. */
export function macMatches(expected: Buffer, received: Buffer): boolean {
  const cut = expected.subarray(0, SECURE_MAC_LENGTH);

  return received.length === cut.length && timingSafeEqual(cut, received);
}
