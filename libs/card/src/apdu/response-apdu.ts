import { ApduError } from './apdu-error';
import { describeStatusWord, StatusWord } from './status-words';

/** A response APDU: the response data field followed by the status word SW1 SW2. */
export interface ResponseApdu {
  data: Buffer;
  sw: number;
}

export function responseApdu(
  sw: number,
  data: Buffer | Uint8Array = Buffer.alloc(0),
): ResponseApdu {
  if (!Number.isInteger(sw) || sw < 0 || sw > 0xffff) {
    throw new ApduError('APDU_FIELD_OUT_OF_RANGE', `status word must be 2 bytes, got ${sw}`, {
      sw,
    });
  }

  return { data: Buffer.from(data), sw };
}

export function encodeResponseApdu(response: ResponseApdu): Buffer {
  return Buffer.concat([response.data, Buffer.from([response.sw >> 8, response.sw & 0xff])]);
}

/**
 * Decodes response bytes. Fewer than two bytes is an error: PC/SC bindings return an empty
 * buffer when the card vanished during the exchange.
 */
export function decodeResponseApdu(input: Buffer | Uint8Array): ResponseApdu {
  const bytes = Buffer.from(input);
  if (bytes.length < 2) {
    throw new ApduError(
      'RESPONSE_TOO_SHORT',
      `response APDU has ${bytes.length} bytes, at least 2 (SW1 SW2) are required`,
      { length: bytes.length },
    );
  }

  return {
    data: Buffer.from(bytes.subarray(0, bytes.length - 2)),
    sw: bytes.readUInt16BE(bytes.length - 2),
  };
}

export function isSuccess(response: ResponseApdu): boolean {
  return response.sw === StatusWord.SUCCESS;
}

/**
 * Throws an `UNEXPECTED_STATUS_WORD` error unless the response carries one of `accepted`
 * (9000 by default). `operation` names the command in the message.
 */
export function expectStatus(
  response: ResponseApdu,
  operation: string,
  accepted: readonly number[] = [StatusWord.SUCCESS],
): ResponseApdu {
  if (accepted.includes(response.sw)) {
    return response;
  }

  throw new ApduError(
    'UNEXPECTED_STATUS_WORD',
    `${operation} failed with status word ${describeStatusWord(response.sw)}`,
    { operation, sw: response.sw },
  );
}
