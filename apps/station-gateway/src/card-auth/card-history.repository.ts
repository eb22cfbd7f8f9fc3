import { Injectable } from '@nestjs/common';

import type { AuthenticatedCard } from '@bitaqa/card';

import type { SqliteTransaction } from '../sqlite/sqlite-transaction';

/** Signature history of one card, read inside a write transaction. */
export interface CardHistory {
  lastCounter: number;
  /** True when the signature (hex r || s) in the card's response was accepted before. */
  signatureUsed: boolean;
}

/** Evidence of an accepted signature, kept so a replay of it is recognized. */
export interface AcceptedSignature {
  card: AuthenticatedCard;
  challenge: Buffer;
  transactionData: Buffer;
  transactionId: string;
}

/** Per-card transaction counters and accepted signatures, in the station's SQLite database. */
@Injectable()
export class CardHistoryRepository {
  async read(
    tx: SqliteTransaction,
    cardNumber: string,
    signature: Buffer | null,
  ): Promise<CardHistory> {
    const [counter] = await tx.$queryRawUnsafe<{ last_counter: number }[]>(
      'SELECT last_counter FROM card_counters WHERE card_number = $1',
      cardNumber,
    );
    const used =
      signature === null
        ? []
        : await tx.$queryRawUnsafe<unknown[]>(
            'SELECT 1 FROM card_signatures WHERE signature = $1',
            signature.toString('hex'),
          );

    return { lastCounter: counter?.last_counter ?? 0, signatureUsed: used.length > 0 };
  }

  /** Stores the card's new counter and the signature; the counter only ever goes up. */
  async accept(tx: SqliteTransaction, accepted: AcceptedSignature): Promise<void> {
    const { card } = accepted;

    await tx.$executeRawUnsafe(
      `INSERT INTO card_counters (card_number, last_counter, updated_at) VALUES ($1, $2, $3)
       ON CONFLICT (card_number) DO UPDATE SET
         last_counter = excluded.last_counter, updated_at = excluded.updated_at
       WHERE excluded.last_counter > card_counters.last_counter`,
      card.cardNumber,
      card.counter,
      new Date(),
    );
    await tx.$executeRawUnsafe(
      `INSERT INTO card_signatures
         (signature, card_number, challenge, counter, key_version, transaction_data, transaction_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      card.signature.toString('hex'),
      card.cardNumber,
      accepted.challenge.toString('hex'),
      card.counter,
      card.keyVersion,
      accepted.transactionData.toString('hex'),
      accepted.transactionId,
    );
  }
}
