import { Injectable } from '@nestjs/common';

import { CARD_STATUSES, USABLE_CARD_STATUSES, type CardStatus } from '@bitaqa/contracts';

import { toIsoDate } from '../cards/card-dates';
import { PrismaService } from '../database/prisma.service';
import type { Prisma } from '../generated/prisma/client';

import type { HotlistQuery } from './dto/hotlist.query';

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
  /** Pass as `after` to read the next page by keyset; null on the last page. */
  nextAfter: string | null;
  /** Pass as `offset` to read the next page by offset; null on the last page. */
  nextOffset: number | null;
  /** Hotlisted cards in all, when the page was read. */
  total: number;
}

/** Statuses a station rejects; every status but issued and active. */
export const HOTLIST_STATUSES = CARD_STATUSES.filter((status) => !USABLE_CARD_STATUSES.has(status));

/**
 * The hotlist: cards that were issued once and are now in a status a station must reject. A card
 * that never left personalization was never in a holder's hands, so it is not listed.
 */
@Injectable()
export class HotlistService {
  constructor(private readonly prisma: PrismaService) {}

  async list(query: HotlistQuery): Promise<HotlistPage> {
    const where: Prisma.CardWhereInput = {
      issuedAt: { not: null },
      status: { in: HOTLIST_STATUSES },
    };
    const [rows, total] = await Promise.all([
      this.prisma.card.findMany({
        orderBy: { cardNumber: 'asc' },
        skip: query.offset,
        take: query.limit,
        where: {
          ...where,
          cardNumber: query.after === undefined ? undefined : { gt: query.after },
        },
      }),
      this.prisma.card.count({ where }),
    ]);
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
    const full = items.length === query.limit;

    return {
      items,
      nextAfter: full ? (items.at(-1)?.cardNumber ?? null) : null,
      nextOffset: full && query.after === undefined ? query.offset + query.limit : null,
      total,
    };
  }
}
