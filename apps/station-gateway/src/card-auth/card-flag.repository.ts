import { Inject, Injectable } from '@nestjs/common';

import type { EventData } from '@bitaqa/contracts';

import type { SqliteTransaction } from '../sqlite/sqlite-transaction';
import { StationDatabase } from '../sqlite/station-database';

export type CardFlag = EventData<'sy.gov.station.card-flagged.v1'>;

interface CardFlagRow {
  card_number: string;
  certificate_card_number: string | null;
  code: CardFlag['code'];
  counter: number | null;
  flagged_at: string;
  id: string;
  key_version: number | null;
  last_counter: number;
  message: string;
  station_id: string;
  transaction_id: string;
}

/** Cards the station refused as suspect, newest first. */
@Injectable()
export class CardFlagRepository {
  constructor(@Inject(StationDatabase) private readonly database: StationDatabase) {}

  async insert(tx: SqliteTransaction, flag: CardFlag): Promise<void> {
    await tx.$executeRawUnsafe(
      `INSERT INTO card_flags (id, card_number, certificate_card_number, code, counter,
         flagged_at, key_version, last_counter, message, station_id, transaction_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      flag.flagId,
      flag.cardNumber,
      flag.certificateCardNumber,
      flag.code,
      flag.counter,
      flag.flaggedAt,
      flag.keyVersion,
      flag.lastCounter,
      flag.message,
      flag.stationId,
      flag.transactionId,
    );
  }

  list(limit: number, cardNumber?: string): CardFlag[] {
    const rows =
      cardNumber === undefined
        ? this.database.query<CardFlagRow>(
            'SELECT * FROM card_flags ORDER BY flagged_at DESC, id LIMIT $1',
            limit,
          )
        : this.database.query<CardFlagRow>(
            'SELECT * FROM card_flags WHERE card_number = $1 ORDER BY flagged_at DESC, id LIMIT $2',
            cardNumber,
            limit,
          );

    return rows.map((row) => ({
      cardNumber: row.card_number,
      certificateCardNumber: row.certificate_card_number,
      code: row.code,
      counter: row.counter,
      flagId: row.id,
      flaggedAt: row.flagged_at,
      keyVersion: row.key_version,
      lastCounter: row.last_counter,
      message: row.message,
      stationId: row.station_id,
      transactionId: row.transaction_id,
    }));
  }
}
