export type EncoderStatus = 'idle' | 'offline' | 'personalizing' | 'waiting_for_card';

/** An encoder's state as stored and shown on `GET /encoders`. */
export interface EncoderState {
  cardsPersonalized: number;
  cardsSpoiled: number;
  currentJobId: string | null;
  id: string;
  lastError: { at: string; code: string; message: string } | null;
  readerName: string;
  status: EncoderStatus;
  updatedAt: string;
}
