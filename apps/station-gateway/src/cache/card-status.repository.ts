import { Inject, Injectable } from '@nestjs/common';

import type { CardStatus, EventData } from '@bitaqa/contracts';

import { StationDatabase } from '../sqlite/station-database';
import type { SqliteTransaction } from '../sqlite/sqlite-transaction';

/** A card's latest status as the authority published it. */
export interface CachedCardStatus {
  cardNumber: string;
  changedAt: string;
  expiryDate: string;
  familyId: string | null;
  nationalNumber: string;
  reason: string;
  receivedAt: string;
  status: CardStatus;
  version: number;
}

interface CardStatusRow {
  card_number: string;
  changed_at: string;
  expiry_date: string;
  family_id: string | null;
  national_number: string;
  reason: string;
  received_at: string;
  status: CardStatus;
  version: number;
}

// A record replayed from the start of the topic, or delayed, never overwrites a newer version.
const UPSERT = `
INSERT INTO card_statuses
  (card_number, changed_at, expiry_date, family_id, national_number, reason, status, version)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
ON CONFLICT (card_number) DO UPDATE SET
  changed_at = excluded.changed_at,
  expiry_date = excluded.expiry_date,
  family_id = excluded.family_id,
  national_number = excluded.national_number,
  reason = excluded.reason,
  received_at = excluded.received_at,
  status = excluded.status,
  version = excluded.version
WHERE excluded.version > card_statuses.version`;

function fromRow(row: CardStatusRow): CachedCardStatus {
  return {
    cardNumber: row.card_number,
    changedAt: row.changed_at,
    expiryDate: row.expiry_date,
    familyId: row.family_id,
    nationalNumber: row.national_number,
    reason: row.reason,
    receivedAt: row.received_at,
    status: row.status,
    version: row.version,
  };
}

/** The station's copy of authority.card-status: one row per card, the highest version wins. */
@Injectable()
export class CardStatusRepository {
  constructor(@Inject(StationDatabase) private readonly database: StationDatabase) {}

  /** Stores the status unless the cache already has this or a newer version; true if stored. */
  async apply(
    tx: SqliteTransaction,
    data: EventData<'sy.gov.authority.card-status.v1'>,
  ): Promise<boolean> {
    const changed = await tx.$executeRawUnsafe(
      UPSERT,
      data.cardNumber,
      data.changedAt,
      data.expiryDate,
      data.familyId,
      data.nationalNumber,
      data.reason,
      data.status,
      data.version,
    );

    return changed > 0;
  }

  find(cardNumber: string): CachedCardStatus | undefined {
    const row = this.database.queryOne<CardStatusRow>(
      'SELECT * FROM card_statuses WHERE card_number = $1',
      cardNumber,
    );

    return row && fromRow(row);
  }

  countByStatus(): Partial<Record<CardStatus, number>> {
    const rows = this.database.query<{ count: number; status: CardStatus }>(
      'SELECT status, COUNT(*) AS count FROM card_statuses GROUP BY status ORDER BY status',
    );

    return Object.fromEntries(rows.map((row) => [row.status, row.count]));
  }

  count(): number {
    return this.database.queryOne<{ count: number }>('SELECT COUNT(*) AS count FROM card_statuses')
      ?.count as number;
  }
}
