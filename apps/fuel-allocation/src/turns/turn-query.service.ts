import { Injectable } from '@nestjs/common';

import { NotFoundError } from '@bitaqa/http';

import { dayToDate } from '../calendar/calendar-day';
import { CatalogueService } from '../catalogue/catalogue.service';
import type { ProductCode } from '../catalogue/catalogue.types';
import { Prisma } from '../generated/prisma/client';
import { PrismaService, type Tx } from '../infrastructure/prisma.service';

import { turnView, type TurnRow } from './turn-mapping';
import type { DistributorTurnsQuery } from './turn.schemas';
import type { TurnView } from './turn.types';

/** Columns of a turn view, read from `turns t` joined with `distributors d`. */
const TURN_COLUMNS = Prisma.sql`
  t.id::text AS id, t.distributor_id, d.name AS distributor_name, t.family_id, t.product_code,
  t.status::text AS status, t.enqueued_at, t.period_start, t.quantity, t.window_date,
  t.window_start, t.window_end, t.notice_status::text AS notice_status, t.notice_id,
  t.notice_error, t.redemption_id::text AS redemption_id,
  t.requeued_from::text AS requeued_from, t.closed_at, t.close_reason`;

/** Turns a family may see at once: its open turns and its latest closed ones. */
const FAMILY_TURNS_LIMIT = 50;

/**
 * Reads turns with their queue position. A waiting turn's position counts the waiting turns of
 * its distributor and product that come before it in queue order (enqueue time, then insertion
 * order), itself included.
 */
@Injectable()
export class TurnQueryService {
  constructor(
    private readonly catalogue: CatalogueService,
    private readonly prisma: PrismaService,
  ) {}

  async forFamily(familyId: string): Promise<TurnView[]> {
    if ((await this.prisma.family.count({ where: { familyId } })) === 0) {
      throw new NotFoundError('FAMILY_NOT_FOUND', `family ${familyId} is not known`, {
        field: 'familyId',
        hint: 'families arrive from civil records; check the id or wait for the family book entry',
        value: familyId,
      });
    }

    return this.select(
      this.prisma,
      Prisma.sql`t.family_id = ${familyId}`,
      Prisma.sql`ORDER BY (t.status IN ('waiting', 'notified')) DESC, t.seq DESC`,
      FAMILY_TURNS_LIMIT,
      0,
    );
  }

  async forDistributor(distributorId: string, query: DistributorTurnsQuery): Promise<TurnView[]> {
    if ((await this.prisma.distributor.count({ where: { id: distributorId } })) === 0) {
      throw new NotFoundError(
        'DISTRIBUTOR_NOT_FOUND',
        `distributor ${distributorId} is not known`,
        {
          field: 'distributorId',
          hint: 'list distributors with GET /distributors',
          value: distributorId,
        },
      );
    }

    const conditions = [Prisma.sql`t.distributor_id = ${distributorId}`];

    if (query.productCode) conditions.push(Prisma.sql`t.product_code = ${query.productCode}`);
    if (query.status) conditions.push(Prisma.sql`t.status = ${query.status}::turn_status`);
    if (query.date) conditions.push(Prisma.sql`t.window_date = ${dayToDate(query.date)}::date`);

    // Scheduled turns read best in window order, waiting ones in queue order.
    const order = query.date
      ? Prisma.sql`ORDER BY t.window_start, t.seq`
      : Prisma.sql`ORDER BY t.product_code, t.enqueued_at, t.seq`;

    // One pass of row_number() over the distributor's queues ranks every waiting turn at once,
    // where a count per listed turn would rescan the queue for each of up to 500 rows.
    const rows = await this.prisma.$queryRaw<TurnRow[]>`
      WITH queue AS (
        SELECT id, row_number() OVER (
                 PARTITION BY product_code ORDER BY enqueued_at, seq)::int AS position
        FROM turns
        WHERE distributor_id = ${distributorId} AND status = 'waiting'
      )
      SELECT ${TURN_COLUMNS}, q.position
      FROM turns t JOIN distributors d ON d.id = t.distributor_id
      LEFT JOIN queue q ON q.id = t.id
      WHERE ${Prisma.join(conditions, ' AND ')}
      ${order}
      LIMIT ${query.limit} OFFSET ${query.offset}`;

    return rows.map((row) => this.view(row));
  }

  async one(db: Tx, turnId: string): Promise<TurnView | undefined> {
    const [view] = await this.select(db, Prisma.sql`t.id = ${turnId}::uuid`, Prisma.empty, 1, 0);

    return view;
  }

  private async select(
    db: Tx,
    where: Prisma.Sql,
    order: Prisma.Sql,
    limit: number,
    offset: number,
  ): Promise<TurnView[]> {
    const rows = await db.$queryRaw<TurnRow[]>`
      SELECT ${TURN_COLUMNS},
             CASE WHEN t.status = 'waiting' THEN (
               SELECT count(*)::int FROM turns w
               WHERE w.distributor_id = t.distributor_id AND w.product_code = t.product_code
                 AND w.status = 'waiting' AND (w.enqueued_at, w.seq) <= (t.enqueued_at, t.seq)
             ) END AS position
      FROM turns t JOIN distributors d ON d.id = t.distributor_id
      WHERE ${where}
      ${order}
      LIMIT ${limit} OFFSET ${offset}`;

    return rows.map((row) => this.view(row));
  }

  private view(row: TurnRow): TurnView {
    return turnView(row, this.catalogue.product(row.product_code as ProductCode)?.unit ?? 'ml');
  }
}
