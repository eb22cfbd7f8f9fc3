/** Data the station reads from a card in its reader. */
export interface CardReading {
  cardNumber: string;
  /** Expiry written on the card, YYYY-MM-DD. */
  expiryDate: string;
  /** National number in the card's holder data. */
  holderNationalNumber: string;
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
   * Waits up to `timeoutMs` for a card, then reads it. Throws `CardReadFailedError`, with
   * CARD_NOT_PERSONALIZED for a blank card.
   */
  read(timeoutMs: number): Promise<CardReading>;
  /** Name of the PC/SC reader in use, once known. */
  readerName(): string | undefined;
  close(): Promise<void>;
}
