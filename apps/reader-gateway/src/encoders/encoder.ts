/**
 * Activity of an encoder. `spoiled_last` is shown while the encoder waits after a spoiled card,
 * until it writes the next one.
 */
export type EncoderStatus = 'idle' | 'offline' | 'spoiled_last' | 'waiting_for_card' | 'writing';

/** An encoder's state as stored and shown on `GET /encoders`. */
export interface EncoderState {
  /** Failed card attempts of any outcome, spoiled cards included. */
  cardsFailed: number;
  cardsPersonalized: number;
  cardsSpoiled: number;
  currentJobId: string | null;
  id: string;
  lastError: { at: string; code: string; message: string } | null;
  /** When pcscd last listed the encoder's reader, as stored at the last presence change. */
  lastSeenAt: string | null;
  readerName: string;
  status: EncoderStatus;
  updatedAt: string;
}

/** Outcome of one card, as counted on its encoder. */
export type CountedOutcome = 'failed' | 'personalized' | 'spoiled';
