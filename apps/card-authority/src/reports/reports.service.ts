import { Injectable } from '@nestjs/common';

import { CARD_STATUSES, USABLE_CARD_STATUSES, type CardStatus } from '@bitaqa/contracts';

import { toIsoDate } from '../cards/card-dates';
import { PrismaService } from '../database/prisma.service';

/** A card a station must reject. */
export interface HotlistEntry {
  cardNumber: string;
  changedAt: string;
  expiryDate: string;
  familyId: string | null;
  nationalNumber: string;
  reason: string;
  status: CardStatus;
  statusVersion: number;
}

export interface HotlistPage {
  items: HotlistEntry[];
  /** Pass as `after` to read the next page; null on the last page. */
  nextAfter: string | null;
}

export interface CardStats {
  byStatus: Record<CardStatus, number>;
  /** Queued cards whose personalization failed on every attempt. */
  personalizationFailed: number;
  total: number;
}

const NOT_USABLE_STATUSES = CARD_STATUSES.filter((status) => !USABLE_CARD_STATUSES.has(status));

@Injectable()
export class ReportsService {
  constructor(private readonly prisma: PrismaService) {}

  /** Issued cards that are no longer usable, in card number order. */
  async hotlist(after: string | undefined, limit: number): Promise<HotlistPage> {
    const rows = await this.prisma.card.findMany({
      orderBy: { cardNumber: 'asc' },
      take: limit,
      where: {
        cardNumber: after === undefined ? undefined : { gt: after },
        issuedAt: { not: null },
        status: { in: NOT_USABLE_STATUSES },
      },
    });
    const items = rows.map((row) => ({
      cardNumber: row.cardNumber,
      changedAt: row.updatedAt.toISOString(),
      expiryDate: toIsoDate(row.expiryDate),
      familyId: row.familyId,
      nationalNumber: row.nationalNumber,
      reason: row.statusReason,
      status: row.status,
      statusVersion: row.statusVersion,
    }));
    const last = items.at(-1);

    return { items, nextAfter: items.length === limit && last ? last.cardNumber : null };
  }

  async stats(): Promise<CardStats> {
    const groups = await this.prisma.card.groupBy({ _count: { _all: true }, by: ['status'] });
    const byStatus = Object.fromEntries(CARD_STATUSES.map((status) => [status, 0])) as Record<
      CardStatus,
      number
    >;

    for (const group of groups) byStatus[group.status] = group._count._all;

    const personalizationFailed = await this.prisma.card.count({
      where: { personalizationFailed: true, status: 'queued' },
    });
    const total = Object.values(byStatus).reduce((sum, count) => sum + count, 0);

    return { byStatus, personalizationFailed, total };
  }
}
