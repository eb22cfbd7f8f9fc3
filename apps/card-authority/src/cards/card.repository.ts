import { Injectable } from '@nestjs/common';

import { TERMINAL_CARD_STATUSES, type CardStatus } from '@bitaqa/contracts';

import type { DbTransaction } from '../database/transaction';
import { Prisma } from '../generated/prisma/client';

import { toCard, type Card, type CardActor, type CardRecord } from './card';
import { toIsoDate } from './card-dates';

// Card writes run once or more per consumed event, so they use plain SQL: it costs a fraction of
// the CPU time of Prisma's query builder, which limits consumer throughput on a small machine.
const CARD_COLUMNS = Prisma.raw(`
  card_number AS "cardNumber", chip_serial AS "chipSerial", current_job_id::text AS "currentJobId",
  expiry_date AS "expiryDate", family_id AS "familyId", issue_date AS "issueDate",
  issued_at AS "issuedAt", national_number AS "nationalNumber",
  personalization_digest AS "personalizationDigest",
  personalization_failed AS "personalizationFailed",
  replaces_card_number AS "replacesCardNumber", status::text AS "status",
  status_reason AS "statusReason", status_version AS "statusVersion", updated_at AS "updatedAt"`);

const TERMINAL_STATUS_LIST = Prisma.join(
  TERMINAL_CARD_STATUSES.map((status) => Prisma.sql`${status}::card_status`),
);

export interface NewCardRow {
  cardNumber: string;
  expiryDate: Date;
  familyId: string | null;
  issueDate: Date;
  nationalNumber: string;
  replacesCardNumber: string | null;
  serial: bigint;
  status: CardStatus;
  statusReason: string;
  updatedAt: Date;
}

export interface CardEventRow {
  actor: CardActor;
  cardNumber: string;
  from: CardStatus | null;
  occurredAt: Date;
  reason: string;
  to: CardStatus;
  version: number;
}

/** Reads and writes card rows and their history inside the caller's transaction. */
@Injectable()
export class CardRepository {
  async nextSerial(tx: DbTransaction): Promise<bigint> {
    const [next] = await tx.$queryRaw<{ serial: bigint }[]>`
      SELECT nextval('card_serial_seq') AS serial`;

    if (!next) throw new Error('card_serial_seq returned no row');

    return next.serial;
  }

  async insert(tx: DbTransaction, card: NewCardRow): Promise<Card> {
    return this.required(
      tx,
      Prisma.sql`
        INSERT INTO cards (card_number, serial, national_number, family_id, issue_date,
          expiry_date, replaces_card_number, status, status_reason, status_version, created_at,
          updated_at)
        VALUES (${card.cardNumber}, ${card.serial}, ${card.nationalNumber}, ${card.familyId},
          ${toIsoDate(card.issueDate)}::date, ${toIsoDate(card.expiryDate)}::date,
          ${card.replacesCardNumber}, ${card.status}::card_status,
          ${card.statusReason}, 1, ${card.updatedAt}, ${card.updatedAt})
        RETURNING ${CARD_COLUMNS}`,
    );
  }

  async lock(tx: DbTransaction, cardNumber: string): Promise<Card | undefined> {
    return this.one(
      tx,
      Prisma.sql`SELECT ${CARD_COLUMNS} FROM cards WHERE card_number = ${cardNumber} FOR UPDATE`,
    );
  }

  /** Locks the person's card that is not expired, revoked or replaced, if there is one. */
  async lockLive(tx: DbTransaction, nationalNumber: string): Promise<Card | undefined> {
    return this.one(
      tx,
      Prisma.sql`
        SELECT ${CARD_COLUMNS} FROM cards
        WHERE national_number = ${nationalNumber} AND status NOT IN (${TERMINAL_STATUS_LIST})
        FOR UPDATE`,
    );
  }

  /**
   * Returns up to `limit` cards after `after` in card number order, share-locked until the
   * transaction ends. A status change of one of them waits for the caller's commit, so its event
   * enters the outbox after whatever the caller publishes for that card.
   */
  async listAfterForShare(tx: DbTransaction, after: string | null, limit: number): Promise<Card[]> {
    const rows = await tx.$queryRaw<CardRecord[]>`
      SELECT ${CARD_COLUMNS} FROM cards WHERE card_number > ${after ?? ''}
      ORDER BY card_number LIMIT ${limit} FOR SHARE`;

    return rows.map(toCard);
  }

  /**
   * Locks up to `limit` cards in `statuses` whose expiry date is before `today` (YYYY-MM-DD),
   * oldest expiry first. Rows locked by another transaction are skipped rather than waited for.
   */
  async lockExpiring(
    tx: DbTransaction,
    statuses: readonly CardStatus[],
    today: string,
    limit: number,
  ): Promise<Card[]> {
    const statusList = Prisma.join(statuses.map((status) => Prisma.sql`${status}::card_status`));
    const rows = await tx.$queryRaw<CardRecord[]>`
      SELECT ${CARD_COLUMNS} FROM cards
      WHERE expiry_date < ${today}::date AND status IN (${statusList})
      ORDER BY expiry_date, card_number LIMIT ${limit}
      FOR UPDATE SKIP LOCKED`;

    return rows.map(toCard);
  }

  /** Sets the status, bumps the version, and stamps `issued_at` the first time it is issued. */
  async updateStatus(
    tx: DbTransaction,
    cardNumber: string,
    change: { at: Date; reason: string; to: CardStatus },
  ): Promise<Card> {
    return this.required(
      tx,
      Prisma.sql`
        UPDATE cards SET status = ${change.to}::card_status, status_reason = ${change.reason},
          status_version = status_version + 1, updated_at = ${change.at},
          issued_at = CASE WHEN ${change.to} = 'issued' THEN COALESCE(issued_at, ${change.at})
            ELSE issued_at END
        WHERE card_number = ${cardNumber}
        RETURNING ${CARD_COLUMNS}`,
    );
  }

  async insertEvent(tx: DbTransaction, event: CardEventRow): Promise<void> {
    await tx.$executeRaw`
      INSERT INTO card_events (card_number, version, from_status, to_status, reason, actor,
        occurred_at)
      VALUES (${event.cardNumber}, ${event.version}, ${event.from}::card_status,
        ${event.to}::card_status, ${event.reason}, ${event.actor}, ${event.occurredAt})`;
  }

  /** Sets the current personalization job and the flag that marks the card for an officer. */
  async setPersonalizationState(
    tx: DbTransaction,
    cardNumber: string,
    state: { currentJobId: string | null; personalizationFailed: boolean },
  ): Promise<void> {
    await tx.$executeRaw`
      UPDATE cards SET current_job_id = ${state.currentJobId}::uuid,
        personalization_failed = ${state.personalizationFailed}
      WHERE card_number = ${cardNumber}`;
  }

  /** Stores what the encoder wrote and clears the current job. */
  async recordPersonalization(
    tx: DbTransaction,
    cardNumber: string,
    chip: { chipSerial: string; digest: string },
  ): Promise<void> {
    await tx.$executeRaw`
      UPDATE cards SET chip_serial = ${chip.chipSerial}, personalization_digest = ${chip.digest},
        current_job_id = NULL, personalization_failed = false
      WHERE card_number = ${cardNumber}`;
  }

  private async one(tx: DbTransaction, query: Prisma.Sql): Promise<Card | undefined> {
    const [row] = await tx.$queryRaw<CardRecord[]>(query);

    return row ? toCard(row) : undefined;
  }

  /** Runs a write that returns the card row; a missing row means the card does not exist. */
  private async required(tx: DbTransaction, query: Prisma.Sql): Promise<Card> {
    const card = await this.one(tx, query);

    if (!card) throw new Error('card row missing after insert or update');

    return card;
  }
}
