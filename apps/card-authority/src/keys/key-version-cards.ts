import type { CardStatus } from '@bitaqa/contracts';

import type { DbTransaction } from '../database/transaction';
import type { PrismaService } from '../database/prisma.service';

/**
 * Statuses of a card that a holder may still present or get back into use, so it needs keys of
 * a version that is not retired. Lost and stolen cards are on the hotlist and never come back,
 * so they do not keep a version alive, and neither do cards not personalized yet.
 */
export const KEYED_CARD_STATUSES: readonly CardStatus[] = [
  'personalized',
  'issued',
  'active',
  'suspended',
];

/** A card still on a key version, as officers see it before retiring the version. */
export interface KeyVersionCardView {
  cardNumber: string;
  status: CardStatus;
}

/** Cards on one key version: the count, and one page in card number order. */
export interface KeyVersionCardsView {
  cards: KeyVersionCardView[];
  count: number;
  /** Card number to pass as `after` for the next page; null on the last page. */
  nextAfter: string | null;
  version: number;
}

type Client = DbTransaction | PrismaService;

function onVersion(version: number) {
  return { keyVersion: version, status: { in: [...KEYED_CARD_STATUSES] } };
}

/** Counts the cards still on `version`. */
export function countCardsOnVersion(client: Client, version: number): Promise<number> {
  return client.card.count({ where: onVersion(version) });
}

/** Lists up to `limit` cards on `version` after the card number `after`, with the total count. */
export async function listCardsOnVersion(
  client: Client,
  version: number,
  page: { after?: string; limit: number },
): Promise<KeyVersionCardsView> {
  const where = onVersion(version);
  const [count, rows] = await Promise.all([
    client.card.count({ where }),
    client.card.findMany({
      orderBy: { cardNumber: 'asc' },
      select: { cardNumber: true, status: true },
      take: page.limit,
      where: page.after === undefined ? where : { ...where, cardNumber: { gt: page.after } },
    }),
  ]);
  const last = rows.at(-1);

  return {
    cards: rows,
    count,
    nextAfter: rows.length === page.limit && last !== undefined ? last.cardNumber : null,
    version,
  };
}
