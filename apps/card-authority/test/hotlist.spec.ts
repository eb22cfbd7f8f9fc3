import { CardStatusChanged, IdentityUpdated, Topics } from '@bitaqa/contracts';
import type { ErrorBody } from '@bitaqa/http';
import { waitFor } from '@bitaqa/testing';

import type { HotlistRebuild } from '../src/hotlist/hotlist-rebuild';
import { HotlistRebuildService } from '../src/hotlist/hotlist-rebuild.service';
import type { HotlistPage } from '../src/hotlist/hotlist.service';

import { headIdentity } from './support/builders';
import { Harness, type HttpResult, type TopicRecord } from './support/harness';
import { issueCardFor, waitForCardOf, waitForCardStatus } from './support/queries';

const BATCH_SIZE = 3;

describe('hotlist', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await Harness.start('hotlist', { hotlistRebuildBatchSize: BATCH_SIZE });

    const issued = [];

    for (let index = 0; index < 8; index += 1)
      issued.push(await issueCardFor(harness, headIdentity()));

    const changes = [
      ['suspended', 'holder under investigation'],
      ['lost', 'holder reported the card lost'],
      ['stolen', 'holder reported theft'],
      ['revoked', 'fraud confirmed'],
    ] as const;

    for (const [index, [to, reason]] of changes.entries()) {
      await harness.http('POST', `/cards/${issued[index]!.cardNumber}/transitions`, { reason, to });
    }
    await harness.http('POST', `/cards/${issued[4]!.cardNumber}/replacement`, {
      reason: 'damaged',
    });

    const queuedHolder = headIdentity();

    await harness.publish(IdentityUpdated, queuedHolder);
    await waitForCardOf(harness, queuedHolder.nationalNumber, 'queued');
    await waitForCardStatus(harness, issued[4]!.cardNumber, 'replaced');
  });

  afterAll(async () => {
    await harness?.close();
  });

  async function hotlistedInDatabase(): Promise<string[]> {
    const rows = await harness.prisma.card.findMany({
      orderBy: { cardNumber: 'asc' },
      where: {
        issuedAt: { not: null },
        status: { in: ['suspended', 'lost', 'stolen', 'expired', 'revoked', 'replaced'] },
      },
    });

    return rows.map((row) => row.cardNumber);
  }

  async function waitForRebuild(id: string): Promise<HotlistRebuild> {
    return waitFor(`hotlist rebuild ${id} to finish`, async () => {
      const { body } = await harness.http<HotlistRebuild>('GET', `/hotlist/rebuilds/${id}`);

      return body.status === 'running' ? undefined : body;
    });
  }

  /** Keeps the highest version of each card on the topic, as a station rebuilding its cache does. */
  function latestByCard(records: TopicRecord[]): Map<string, Record<string, unknown>> {
    const latest = new Map<string, Record<string, unknown>>();

    for (const record of records) {
      const known = latest.get(String(record.key));

      if (!known || Number(known.version) <= Number(record.data.version)) {
        latest.set(String(record.key), record.data);
      }
    }

    return latest;
  }

  it('pages by offset', async () => {
    const all: string[] = [];
    let offset: number | null = 0;

    while (offset !== null) {
      const { body, status }: HttpResult<HotlistPage> = await harness.http<HotlistPage>(
        'GET',
        `/hotlist?limit=2&offset=${offset}`,
      );

      expect(status).toBe(200);
      expect(body.total).toBe(5);
      all.push(...body.items.map((item) => item.cardNumber));
      offset = body.nextOffset;
    }

    expect(all).toEqual(await hotlistedInDatabase());
  });

  it('lists statuses and reasons', async () => {
    const { body } = await harness.http<HotlistPage>('GET', '/hotlist');

    expect(body.items.map((item) => [item.status, item.reason]).sort()).toEqual([
      ['lost', 'holder reported the card lost'],
      ['replaced', 'replaced: card damaged'],
      ['revoked', 'fraud confirmed'],
      ['stolen', 'holder reported theft'],
      ['suspended', 'holder under investigation'],
    ]);
    expect(body.nextAfter).toBeNull();
    expect(body.nextOffset).toBeNull();
  });

  it('rejects offset with after', async () => {
    const [first] = await hotlistedInDatabase();
    const { body, status } = await harness.http<ErrorBody>(
      'GET',
      `/hotlist?offset=2&after=${first}`,
    );

    expect(status).toBe(400);
    expect(body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'offset' });
  });

  it('rebuilds every card status', async () => {
    const lastOutboxId = (await harness.prisma.outboxEvent.aggregate({ _max: { id: true } }))._max
      .id;
    const started = await harness.http<HotlistRebuild>('POST', '/hotlist/rebuild');
    const cardCount = await harness.prisma.card.count();

    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ batchSize: BATCH_SIZE, totalCards: cardCount });

    const finished = await waitForRebuild(started.body.id);

    expect(finished).toMatchObject({ publishedCards: cardCount, status: 'completed' });

    const rebuildEvents = await harness.prisma.outboxEvent.findMany({
      where: { eventType: CardStatusChanged.type, id: { gt: lastOutboxId ?? 0n } },
    });
    const rebuildIds = new Set(rebuildEvents.map((event) => event.eventId));
    const records = await harness.readPublished(Topics.authorityCardStatus);
    const republished = latestByCard(
      records.filter((record) => rebuildIds.has(String(record.headers.ce_id))),
    );
    const cards = await harness.prisma.card.findMany();

    expect(republished.size).toBe(cards.length);
    for (const card of cards) {
      expect(republished.get(card.cardNumber)).toMatchObject({
        reason: card.statusReason,
        status: card.status,
        version: card.statusVersion,
      });
    }
  });

  it('keeps every hotlisted status on the topic', async () => {
    const records = await harness.readPublished(Topics.authorityCardStatus);
    const latest = latestByCard(records);
    const { body } = await harness.http<HotlistPage>('GET', '/hotlist');

    expect(body.items).toHaveLength(5);
    for (const item of body.items) {
      expect(latest.get(item.cardNumber)).toMatchObject({
        reason: item.reason,
        status: item.status,
        version: item.statusVersion,
      });
    }
  });

  it('rejects a second running rebuild', async () => {
    const id = '6f1c2a54-1d1e-4c41-9d0c-2f6a4a1a7b10';

    await harness.prisma.hotlistRebuild.create({
      data: { batchSize: BATCH_SIZE, id, totalCards: 1 },
    });

    try {
      const { body, status } = await harness.http<ErrorBody>('POST', '/hotlist/rebuild');

      expect(status).toBe(409);
      expect(body.error).toMatchObject({ code: 'HOTLIST_REBUILD_RUNNING', value: id });
    } finally {
      await harness.prisma.hotlistRebuild.delete({ where: { id } });
    }
  });

  it('resumes after the last published card', async () => {
    const numbers = (await harness.prisma.card.findMany({ orderBy: { cardNumber: 'asc' } })).map(
      (card) => card.cardNumber,
    );
    const id = '0b7c8f4e-5a43-4b8e-a2f6-8d0f0c1e2a33';
    const before = await harness.published(CardStatusChanged.type);

    await harness.prisma.hotlistRebuild.create({
      data: {
        batchSize: BATCH_SIZE,
        id,
        lastCardNumber: numbers[5],
        publishedCards: 6,
        totalCards: numbers.length,
      },
    });
    await harness.running.app.get(HotlistRebuildService).onApplicationBootstrap();

    const finished = await waitForRebuild(id);

    expect(finished).toMatchObject({
      lastCardNumber: numbers.at(-1),
      publishedCards: numbers.length,
      status: 'completed',
    });
    expect(await harness.published(CardStatusChanged.type)).toBe(before + numbers.length - 6);
  });

  it('publishes a concurrent change last', async () => {
    const card = await harness.prisma.card.findFirstOrThrow({ where: { status: 'issued' } });
    let release: () => void = () => undefined;
    let changed: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    const changeMade = new Promise<void>((resolve) => (changed = resolve));
    const change = harness.prisma.$transaction(
      async (tx) => {
        await harness.lifecycle.transition(tx, card.cardNumber, {
          actor: 'officer',
          reason: 'suspended during a rebuild',
          to: 'suspended',
        });
        changed();
        await released;
      },
      { timeout: 30_000 },
    );

    await changeMade;

    const started = await harness.http<HotlistRebuild>('POST', '/hotlist/rebuild');

    // The rebuild's batch waits for the uncommitted change to its card before reading it.
    await waitFor('the rebuild to wait for the card lock', async () => {
      const [row] = await harness.prisma.$queryRaw<{ waiting: bigint }[]>`
        SELECT count(*) AS waiting FROM pg_stat_activity
        WHERE datname = current_database() AND wait_event_type = 'Lock'`;

      return row && row.waiting > 0n ? row : undefined;
    });
    release();
    await change;
    await waitForRebuild(started.body.id);

    const records = await harness.readPublished(Topics.authorityCardStatus);
    const last = records.filter((record) => record.key === card.cardNumber).at(-1);

    expect(last?.data).toMatchObject({
      reason: 'suspended during a rebuild',
      status: 'suspended',
      version: card.statusVersion + 1,
    });
  });

  it('records a failed rebuild', async () => {
    const card = await harness.prisma.card.findFirstOrThrow({ orderBy: { cardNumber: 'desc' } });

    // A reason longer than the event schema allows makes the last batch fail validation.
    await harness.prisma.card.update({
      data: { statusReason: 'x'.repeat(250) },
      where: { cardNumber: card.cardNumber },
    });

    try {
      const failed = await harness.http<HotlistRebuild>('POST', '/hotlist/rebuild');
      const finished = await waitForRebuild(failed.body.id);

      expect(finished.status).toBe('failed');
      expect(finished.error).toEqual(expect.stringContaining('reason'));
      expect(finished.finishedAt).not.toBeNull();
    } finally {
      await harness.prisma.card.update({
        data: { statusReason: card.statusReason },
        where: { cardNumber: card.cardNumber },
      });
    }

    const retried = await harness.http<HotlistRebuild>('POST', '/hotlist/rebuild');

    expect(retried.status).toBe(202);
    expect((await waitForRebuild(retried.body.id)).status).toBe('completed');
  });

  it('answers unknown and invalid rebuild ids', async () => {
    const unknown = await harness.http<ErrorBody>(
      'GET',
      '/hotlist/rebuilds/7d1f3f8e-0000-4000-8000-000000000000',
    );
    const invalid = await harness.http<ErrorBody>('GET', '/hotlist/rebuilds/42');

    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'HOTLIST_REBUILD_NOT_FOUND']);
    expect([invalid.status, invalid.body.error.field]).toEqual([400, 'id']);
  });
});
