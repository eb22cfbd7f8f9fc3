/** Challenge and sale that the card signs with INTERNAL AUTHENTICATE during the read. */
export interface SignatureRequest {
  /** Fresh random bytes of this sale. */
  challenge: Buffer;
  /** Encoded station id, product, quantity and time (see encodeTransactionData). */
  transactionData: Buffer;
}

/** INTERNAL AUTHENTICATE response data, or the status word the card returned instead. */
export type SignatureReading = { response: Buffer } | { statusWord: string };

/** Data the station reads from a card in its reader. */
export interface CardReading {
  cardNumber: string;
  /** Card certificate file; null when it is empty. */
  certificate: Buffer | null;
  /** Expiry written on the card, YYYY-MM-DD. */
  expiryDate: string;
  /** National number in the card's holder data. */
  holderNationalNumber: string;
  signature: SignatureReading;
}

export type CardReadFailureCode =
  'CARD_NOT_PRESENT' | 'CARD_NOT_PERSONALIZED' | 'CARD_UNREADABLE' | 'READER_UNAVAILABLE';

/** A failed card read. `code` names the part at fault: the card, the reader or the wait. */
export class CardReadFailedError extends Error {
  constructor(
    readonly code: CardReadFailureCode,
    message: string,
    readonly details: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'CardReadFailedError';
  }
}

/** The station's card reader. One read runs at a time; the reader serves one pump. */
export interface StationCardReader {
  /**
   * Waits up to `timeoutMs` for a card, reads it and has it sign `request`, in one card
   * session. Throws `CardReadFailedError`, with CARD_NOT_PERSONALIZED for a card that is blank
   * or in a state a terminal may not use.
   */
  read(timeoutMs: number, request: SignatureRequest): Promise<CardReading>;
  /** Name of the PC/SC reader in use, once known. */
  readerName(): string | undefined;
  close(): Promise<void>;
}
