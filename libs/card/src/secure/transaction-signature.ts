import { ES256_SIGNATURE_LENGTH } from '@bitaqa/card-keys';

/** First byte of the signed bytes, so the layout can change without ambiguity. */
export const TRANSACTION_SIGNATURE_FORMAT = 0x01;

/** Bytes of the transaction counter in the signed bytes and in the response. */
export const TRANSACTION_COUNTER_LENGTH = 4;

/**
 * Builds the bytes the card signs for INTERNAL AUTHENTICATE: format 01, the host challenge, the
 * transaction counter (4 bytes big-endian), then the transaction data.
 */
export function transactionSignedBytes(challenge: Buffer, counter: number, data: Buffer): Buffer {
  const counterBytes = Buffer.alloc(TRANSACTION_COUNTER_LENGTH);
  counterBytes.writeUInt32BE(counter);

  return Buffer.concat([
    Buffer.from([TRANSACTION_SIGNATURE_FORMAT]),
    challenge,
    counterBytes,
    data,
  ]);
}

/** INTERNAL AUTHENTICATE response data: the counter of this signature and the signature. */
export interface TransactionSignature {
  counter: number;
  /** ECDSA P-256 over SHA-256, r || s. */
  signature: Buffer;
}

export function encodeTransactionSignature(signature: TransactionSignature): Buffer {
  const counter = Buffer.alloc(TRANSACTION_COUNTER_LENGTH);
  counter.writeUInt32BE(signature.counter);

  return Buffer.concat([counter, signature.signature]);
}

/** Parses INTERNAL AUTHENTICATE response data; null when its length is wrong. */
export function decodeTransactionSignature(data: Buffer): TransactionSignature | null {
  if (data.length !== TRANSACTION_COUNTER_LENGTH + ES256_SIGNATURE_LENGTH) {
    return null;
  }

  return {
    counter: data.readUInt32BE(0),
    signature: Buffer.from(data.subarray(TRANSACTION_COUNTER_LENGTH)),
  };
}
