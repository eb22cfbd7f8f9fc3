import { CardError } from '../card-error';
import { decodeTlvSequence } from '../tlv/tlv-decoder';
import { encodeTlvSequence } from '../tlv/tlv-encoder';
import { MAX_TRANSACTION_DATA } from './secure-constants';

/**
 * Context-specific tags of the transaction data that a station has the card sign. The data is
 * these four primitive objects in this order, so equal transactions encode to equal bytes.
 */
export const TransactionDataTag = {
  stationId: 0x80,
  productCode: 0x81,
  /** Unsigned 32-bit big-endian quantity in the product's unit (millilitres or cylinders). */
  quantity: 0x82,
  /** UTC time to the second as ASCII `YYYY-MM-DDTHH:MM:SSZ`. */
  time: 0x83,
} as const;

/** The sale that the card's signature binds to the station's challenge. */
export interface StationTransactionData {
  productCode: string;
  /** Whole units of the product: millilitres of fuel or gas cylinders. */
  quantity: number;
  stationId: string;
  time: Date;
}

export type TransactionDataErrorCode = 'TRANSACTION_DATA_INVALID';

export class TransactionDataError extends CardError<TransactionDataErrorCode> {}

const TEXT_FIELD = /^[\x21-\x7e]{1,60}$/;

function assertText(value: string, field: string): void {
  if (!TEXT_FIELD.test(value)) {
    throw new TransactionDataError(
      'TRANSACTION_DATA_INVALID',
      `${field} must be 1 to 60 printable ASCII characters, got ${JSON.stringify(value)}`,
      { field },
    );
  }
}

function isoSecond(time: Date): string {
  return `${time.toISOString().slice(0, 19)}Z`;
}

/** Encodes the data of one sale for INTERNAL AUTHENTICATE; fails on a value it cannot carry. */
export function encodeTransactionData(data: StationTransactionData): Buffer {
  assertText(data.stationId, 'stationId');
  assertText(data.productCode, 'productCode');

  if (!Number.isInteger(data.quantity) || data.quantity < 1 || data.quantity > 0xffffffff) {
    throw new TransactionDataError(
      'TRANSACTION_DATA_INVALID',
      `quantity must be an integer from 1 to 4294967295, got ${data.quantity}`,
      { field: 'quantity' },
    );
  }

  const quantity = Buffer.alloc(4);

  quantity.writeUInt32BE(data.quantity);

  const encoded = encodeTlvSequence([
    { tag: TransactionDataTag.stationId, value: Buffer.from(data.stationId, 'ascii') },
    { tag: TransactionDataTag.productCode, value: Buffer.from(data.productCode, 'ascii') },
    { tag: TransactionDataTag.quantity, value: quantity },
    { tag: TransactionDataTag.time, value: Buffer.from(isoSecond(data.time), 'ascii') },
  ]);

  // Two 60-character fields and the fixed ones stay far below the card's limit.
  if (encoded.length > MAX_TRANSACTION_DATA) {
    throw new TransactionDataError(
      'TRANSACTION_DATA_INVALID',
      `transaction data is ${encoded.length} bytes, the card signs at most ${MAX_TRANSACTION_DATA}`,
    );
  }

  return encoded;
}

/** Decodes transaction data written by `encodeTransactionData`, such as a stored one in an audit. */
export function decodeTransactionData(encoded: Buffer): StationTransactionData {
  const nodes = decodeTlvSequence(encoded);
  const tags = nodes.map((node) => node.tag);
  const expected = Object.values(TransactionDataTag);

  if (tags.length !== expected.length || tags.some((tag, index) => tag !== expected[index])) {
    throw new TransactionDataError(
      'TRANSACTION_DATA_INVALID',
      'transaction data must be station id, product code, quantity and time, in that order',
    );
  }

  const [stationId, productCode, quantity, time] = nodes.map((node) => node.value) as [
    Buffer,
    Buffer,
    Buffer,
    Buffer,
  ];

  if (quantity.length !== 4) {
    throw new TransactionDataError('TRANSACTION_DATA_INVALID', 'quantity must be 4 bytes');
  }

  return {
    productCode: productCode.toString('ascii'),
    quantity: quantity.readUInt32BE(0),
    stationId: stationId.toString('ascii'),
    time: new Date(time.toString('ascii')),
  };
}
