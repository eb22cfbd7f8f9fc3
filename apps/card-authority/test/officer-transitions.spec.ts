import {
  CARD_STATUSES,
  chipLifecycleFor,
  isCardTransitionAllowed as isTransitionAllowed,
  type CardStatus,
} from '@bitaqa/contracts';
import type { ErrorBody } from '@bitaqa/http';

import type { Card } from '../src/cards/card';
import type { CardDetails } from '../src/cards/cards.service';
import { OFFICER_TARGET_STATUSES } from '../src/cards/dto/transition.body';
import { IllegalCardTransitionError } from '../src/cards/illegal-card-transition.error';
import type { HotlistPage } from '../src/hotlist/hotlist.service';
import type { CardStats } from '../src/reports/reports.service';

import { headIdentity } from './support/builders';
import { Harness } from './support/harness';

class Rollback extends Error {}

describe('card status transitions', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await Harness.start('transitions');
  });

  afterAll(async () => {
    await harness?.close();
  });

  /** Creates a card and puts it straight into `status`, as if it had got there step by step. */
  async function seedCard(status: CardStatus): Promise<string> {
    const card = await harness.prisma.$transaction((tx) =>
      harness.lifecycle.createCard(
        tx,
        { familyId: null, nationalNumber: headIdentity().nationalNumber },
        'created by test',
      ),
    );

    await harness.prisma.$executeRaw`
      UPDATE cards SET status = ${status}::card_status,
        issued_at = CASE WHEN ${status} IN ('requested', 'approved', 'queued', 'personalized')
          THEN NULL ELSE now() END
      WHERE card_number = ${card.cardNumber}`;

    return card.cardNumber;
  }

  async function snapshot(cardNumber: string): Promise<unknown> {
    const card = await harness.prisma.card.findUnique({ where: { cardNumber } });
    const events = await harness.prisma.cardEvent.count({ where: { cardNumber } });
    const outbox = await harness.prisma.outboxEvent.count();

    return { events, outbox, status: card?.status, version: card?.statusVersion };
  }

  it('applies exactly the table transitions', async () => {
    for (const from of CARD_STATUSES) {
      const cardNumber = await seedCard(from);

      for (const to of CARD_STATUSES) {
        const before = await snapshot(cardNumber);
        const outcome = await harness.prisma
          .$transaction(async (tx) => {
            const changed = await harness.lifecycle.transition(tx, cardNumber, {
              actor: 'system',
              reason: 'transition table test',
              to,
            });

            expect(changed.status).toBe(to);
            throw new Rollback();
          })
          .catch((error: unknown) => error);

        if (isTransitionAllowed(from, to)) {
          expect(outcome).toBeInstanceOf(Rollback);
        } else {
          expect(outcome).toBeInstanceOf(IllegalCardTransitionError);
          expect((outcome as IllegalCardTransitionError).code).toBe('ILLEGAL_CARD_TRANSITION');
          expect((outcome as Error).message).toBe(
            `card ${cardNumber} cannot move from ${from} to ${to}`,
          );
        }
        expect(await snapshot(cardNumber)).toEqual(before);
      }
    }
  });

  it('applies officer transitions over HTTP', async () => {
    for (const from of CARD_STATUSES) {
      for (const to of OFFICER_TARGET_STATUSES) {
        const cardNumber = await seedCard(from);
        const before = await snapshot(cardNumber);
        const response = await harness.http<Card & ErrorBody>(
          'POST',
          `/cards/${cardNumber}/transitions`,
          { reason: 'officer review', to },
        );

        if (isTransitionAllowed(from, to)) {
          expect([from, to, response.status]).toEqual([from, to, 200]);
          expect(response.body.status).toBe(to);
          expect(response.body.statusVersion).toBe(2);
          continue;
        }

        expect([from, to, response.status]).toEqual([from, to, 422]);
        expect(response.body.error.code).toBe('ILLEGAL_CARD_TRANSITION');
        expect(response.body.error.field).toBe('to');
        expect(response.body.error.value).toBe(to);
        expect(response.body.error.details).toEqual({ from, to });
        expect(await snapshot(cardNumber)).toEqual(before);
      }
    }
  });

  it('reports the chip state of every status', async () => {
    for (const status of CARD_STATUSES) {
      const cardNumber = await seedCard(status);
      const { body } = await harness.http<CardDetails>('GET', `/cards/${cardNumber}`);

      expect([status, body.chipLifecycle]).toEqual([status, chipLifecycleFor(status)]);
    }
  });

  it('suspends, reactivates and reports a loss', async () => {
    const cardNumber = await seedCard('issued');

    for (const [to, reason] of [
      ['suspended', 'holder under investigation'],
      ['active', 'investigation closed'],
      ['lost', 'holder reported the card lost'],
    ] as const) {
      const response = await harness.http<Card>('POST', `/cards/${cardNumber}/transitions`, {
        reason,
        to,
      });

      expect(response.status).toBe(200);
    }

    const { body } = await harness.http<CardDetails>('GET', `/cards/${cardNumber}`);

    expect(body.status).toBe('lost');
    expect(body.statusReason).toBe('holder reported the card lost');
    expect(body.history.slice(1).map((entry) => [entry.from, entry.to, entry.actor])).toEqual([
      ['issued', 'suspended', 'officer'],
      ['suspended', 'active', 'officer'],
      ['active', 'lost', 'officer'],
    ]);
  });

  it('pages through the hotlist', async () => {
    const all: string[] = [];
    let after: string | null = null;

    do {
      const query: string = after === null ? '?limit=7' : `?limit=7&after=${after}`;
      const { body, status } = await harness.http<HotlistPage>('GET', `/hotlist${query}`);

      expect(status).toBe(200);
      expect(body.items.length).toBeLessThanOrEqual(7);
      all.push(...body.items.map((item) => item.cardNumber));
      after = body.nextAfter;
    } while (after !== null);

    const expected = await harness.prisma.card.findMany({
      orderBy: { cardNumber: 'asc' },
      where: {
        issuedAt: { not: null },
        status: { in: ['suspended', 'lost', 'stolen', 'expired', 'revoked', 'replaced'] },
      },
    });

    expect(all.length).toBeGreaterThan(7);
    expect(all).toEqual(expected.map((card) => card.cardNumber));
  });

  it('counts cards by status', async () => {
    const { body } = await harness.http<CardStats>('GET', '/stats');
    const grouped = await harness.prisma.card.groupBy({ _count: { _all: true }, by: ['status'] });

    for (const group of grouped) expect(body.byStatus[group.status]).toBe(group._count._all);
    expect(Object.keys(body.byStatus).sort()).toEqual([...CARD_STATUSES].sort());
    expect(body.total).toBe(await harness.prisma.card.count());
  });

  it('answers health', async () => {
    const { body, status } = await harness.http<{ status: string }>('GET', '/health');

    expect(status).toBe(200);
    expect(body.status).toBe('ok');
  });
});
