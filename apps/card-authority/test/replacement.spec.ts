import { CardReplaced, IdentityUpdated, Topics } from '@bitaqa/contracts';
import type { ErrorBody } from '@bitaqa/http';
import { waitFor } from '@bitaqa/testing';

import type { Card } from '../src/cards/card';
import type { CardDetails } from '../src/cards/cards.service';
import type { Replacement } from '../src/issuance/replacement.service';

import { headIdentity } from './support/builders';
import { Harness } from './support/harness';
import { completePersonalization, issueCardFor, waitForCardOf } from './support/queries';

type ReplacementResult = Replacement & ErrorBody;

const DAY_MS = 24 * 60 * 60 * 1000;

describe('card replacement', () => {
  let harness: Harness;
  let now = new Date();

  beforeAll(async () => {
    harness = await Harness.start('replacement', { clock: { now: () => now } });
  });

  afterAll(async () => {
    await harness?.close();
  });

  function replace(cardNumber: string, body: unknown) {
    return harness.http<ReplacementResult>('POST', `/cards/${cardNumber}/replacement`, body);
  }

  async function details(cardNumber: string): Promise<CardDetails> {
    return (await harness.http<CardDetails>('GET', `/cards/${cardNumber}`)).body;
  }

  async function snapshot(cardNumber: string) {
    const card = await details(cardNumber);
    const cards = await harness.prisma.card.count({
      where: { nationalNumber: card.nationalNumber },
    });

    return { cards, outbox: await harness.prisma.outboxEvent.count(), version: card.statusVersion };
  }

  it('replaces a damaged card', async () => {
    const holder = headIdentity();
    const old = await issueCardFor(harness, holder);
    const response = await replace(old.cardNumber, { note: 'chip cracked', reason: 'damaged' });

    expect(response.status).toBe(201);
    expect(response.body.replacedCard).toMatchObject({
      cardNumber: old.cardNumber,
      status: 'replaced',
      statusReason: 'replaced: card damaged (chip cracked)',
    });
    expect(response.body.newCard).toMatchObject({
      familyId: holder.familyId,
      nationalNumber: holder.nationalNumber,
      replacesCardNumber: old.cardNumber,
      status: 'queued',
    });
    expect(response.body.newCard.currentJobId).toEqual(expect.any(String));
    expect(response.body.newCard.cardNumber).not.toBe(old.cardNumber);

    const oldDetails = await details(old.cardNumber);

    expect(oldDetails.replacedByCardNumber).toBe(response.body.newCard.cardNumber);
    expect(oldDetails.chipLifecycle).toBe('terminated');
    expect(oldDetails.history.at(-1)).toMatchObject({
      actor: 'officer',
      from: 'issued',
      to: 'replaced',
    });
  });

  it('issues the replacement normally', async () => {
    const holder = headIdentity();
    const old = await issueCardFor(harness, holder);
    const { body } = await replace(old.cardNumber, { reason: 'damaged' });
    const issued = await completePersonalization(harness, body.newCard);
    const history = (await details(issued.cardNumber)).history;

    expect(history.map((entry) => entry.to)).toEqual([
      'requested',
      'approved',
      'queued',
      'personalized',
      'issued',
    ]);
    expect(history[0]?.reason).toBe(`replacement for card ${old.cardNumber}`);
    expect((await details(issued.cardNumber)).chipLifecycle).toBe('personalized');
  });

  it('publishes the replacement events', async () => {
    const holder = headIdentity();
    const old = await issueCardFor(harness, holder);
    const { body } = await replace(old.cardNumber, { reason: 'damaged' });
    const newNumber = body.newCard.cardNumber;
    const cards = await harness.readPublished(Topics.authorityCards);
    const replaced = cards.find(
      (record) => record.type === CardReplaced.type && record.key === old.cardNumber,
    );
    const statuses = await harness.readPublished(Topics.authorityCardStatus);
    const latest = (cardNumber: string) =>
      statuses.filter((record) => record.key === cardNumber).at(-1)?.data;
    const requests = await harness.readPublished(Topics.authorityPersonalizationRequests);

    expect(replaced?.data).toMatchObject({
      familyId: holder.familyId,
      nationalNumber: holder.nationalNumber,
      newCardNumber: newNumber,
      oldCardNumber: old.cardNumber,
      reason: 'damaged',
    });
    expect(latest(old.cardNumber)).toMatchObject({ status: 'replaced' });
    expect(latest(newNumber)).toMatchObject({ familyId: holder.familyId, status: 'queued' });
    expect(requests.some((record) => record.key === newNumber)).toBe(true);
  });

  it('records a loss before replacing', async () => {
    const old = await issueCardFor(harness, headIdentity());

    await harness.http('POST', `/cards/${old.cardNumber}/transitions`, {
      reason: 'first use at a station',
      to: 'active',
    });

    const response = await replace(old.cardNumber, { reason: 'lost' });
    const history = (await details(old.cardNumber)).history.slice(-3);

    expect(response.status).toBe(201);
    expect(history.map((entry) => [entry.from, entry.to, entry.actor, entry.reason])).toEqual([
      ['issued', 'active', 'officer', 'first use at a station'],
      ['active', 'lost', 'officer', 'card lost'],
      ['lost', 'replaced', 'officer', 'replaced: card lost'],
    ]);
  });

  it('replaces a card already reported stolen', async () => {
    const old = await issueCardFor(harness, headIdentity());

    await harness.http('POST', `/cards/${old.cardNumber}/transitions`, {
      reason: 'holder reported theft',
      to: 'stolen',
    });

    const response = await replace(old.cardNumber, { reason: 'stolen' });
    const history = (await details(old.cardNumber)).history.slice(-2);

    expect(response.status).toBe(201);
    expect(history.map((entry) => [entry.from, entry.to])).toEqual([
      ['issued', 'stolen'],
      ['stolen', 'replaced'],
    ]);
  });

  it('rejects a second replacement', async () => {
    const old = await issueCardFor(harness, headIdentity());

    await replace(old.cardNumber, { reason: 'damaged' });

    const before = await snapshot(old.cardNumber);
    const second = await replace(old.cardNumber, { reason: 'damaged' });

    expect(second.status).toBe(422);
    expect(second.body.error).toMatchObject({
      code: 'ILLEGAL_CARD_TRANSITION',
      details: { from: 'replaced', to: 'replaced' },
    });
    expect(await snapshot(old.cardNumber)).toEqual(before);
  });

  it('replaces concurrently only once', async () => {
    const holder = headIdentity();
    const old = await issueCardFor(harness, holder);
    const results = await Promise.all([
      replace(old.cardNumber, { reason: 'damaged' }),
      replace(old.cardNumber, { reason: 'lost' }),
    ]);

    expect(results.map((result) => result.status).sort()).toEqual([201, 422]);
    expect(
      await harness.prisma.card.count({ where: { nationalNumber: holder.nationalNumber } }),
    ).toBe(2);
  });

  it('rejects a card still in personalization', async () => {
    const holder = headIdentity();

    await harness.publish(IdentityUpdated, holder);

    const queued = await waitForCardOf(harness, holder.nationalNumber, 'queued');
    const before = await snapshot(queued.cardNumber);
    const response = await replace(queued.cardNumber, { reason: 'damaged' });

    expect(response.status).toBe(422);
    expect(response.body.error).toMatchObject({
      code: 'ILLEGAL_CARD_TRANSITION',
      details: { from: 'queued', to: 'replaced' },
    });
    expect(await snapshot(queued.cardNumber)).toEqual(before);
  });

  it('rejects expired as reason for a valid card', async () => {
    const old = await issueCardFor(harness, headIdentity());
    const before = await snapshot(old.cardNumber);
    const response = await replace(old.cardNumber, { reason: 'expired' });

    expect(response.status).toBe(422);
    expect(response.body.error).toMatchObject({
      code: 'CARD_NOT_EXPIRED',
      field: 'reason',
      value: 'expired',
    });
    expect(await snapshot(old.cardNumber)).toEqual(before);
  });

  it('rejects an early renewal', async () => {
    const old = await issueCardFor(harness, headIdentity());
    const before = await snapshot(old.cardNumber);
    const response = await replace(old.cardNumber, { reason: 'renewal' });

    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe('RENEWAL_TOO_EARLY');
    expect(response.body.error.hint).toMatch(/^renew on or after \d{4}-\d{2}-\d{2}$/);
    expect(await snapshot(old.cardNumber)).toEqual(before);
  });

  it('renews a card near its expiry', async () => {
    const old = await issueCardFor(harness, headIdentity());
    const expiry = new Date(`${old.expiryDate}T12:00:00.000Z`).getTime();

    now = new Date(expiry - 30 * DAY_MS);

    try {
      const response = await replace(old.cardNumber, { reason: 'renewal' });

      expect(response.status).toBe(201);
      expect(response.body.replacedCard.statusReason).toBe('replaced: card renewed');
      expect(response.body.newCard.issueDate).toBe(now.toISOString().slice(0, 10));
    } finally {
      now = new Date();
    }
  });

  it('expires a card past its date first', async () => {
    const old = await issueCardFor(harness, headIdentity());

    now = new Date(new Date(`${old.expiryDate}T12:00:00.000Z`).getTime() + 2 * DAY_MS);

    try {
      const response = await replace(old.cardNumber, { reason: 'expired' });
      const history = (await details(old.cardNumber)).history.slice(-2);

      expect(response.status).toBe(201);
      expect(history.map((entry) => [entry.from, entry.to, entry.actor])).toEqual([
        ['issued', 'expired', 'system'],
        ['expired', 'replaced', 'officer'],
      ]);
    } finally {
      now = new Date();
    }
  });

  it('rejects a holder no longer head', async () => {
    const holder = headIdentity();
    const old = await issueCardFor(harness, holder);

    await harness.publish(IdentityUpdated, { ...holder, familyRole: 'child', version: 2 });
    await waitFor('identity version 2', async () => {
      const row = await harness.prisma.identity.findUnique({
        where: { nationalNumber: holder.nationalNumber },
      });

      return row?.version === 2 ? row : undefined;
    });

    const before = await snapshot(old.cardNumber);
    const response = await replace(old.cardNumber, { reason: 'damaged' });

    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe('HOLDER_NOT_FAMILY_HEAD');
    expect(await snapshot(old.cardNumber)).toEqual(before);
  });

  it('rejects a merged holder', async () => {
    const holder = headIdentity();
    const old = await issueCardFor(harness, holder);

    // A merge revokes the card at once, so the merged identity is written straight to the
    // table to reach the check that guards replacement.
    await harness.prisma.identity.update({
      data: { mergedInto: headIdentity().nationalNumber, status: 'merged' },
      where: { nationalNumber: holder.nationalNumber },
    });

    const response = await replace(old.cardNumber, { reason: 'damaged' });

    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe('HOLDER_MERGED');
    expect((await details(old.cardNumber)).status).toBe('issued');
  });

  it('rejects an unknown card', async () => {
    const response = await replace('9760999999999992', { reason: 'damaged' });

    expect([response.status, response.body.error.code]).toEqual([404, 'CARD_NOT_FOUND']);
  });

  it.each([
    [{}, 'reason'],
    [{ reason: 'broken' }, 'reason'],
    [{ note: 'x', reason: 'lost' }, 'note'],
  ])('validates body %j', async (body, field) => {
    const old = await issueCardFor(harness, headIdentity());
    const response = await replace(old.cardNumber, body);

    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field });
  });

  it('lists the replaced card on the hotlist', async () => {
    const old = await issueCardFor(harness, headIdentity());

    await replace(old.cardNumber, { reason: 'damaged' });

    const { body } = await harness.http<{ items: Card[] }>('GET', '/hotlist?limit=1000');
    const entry = body.items.find((item) => item.cardNumber === old.cardNumber);

    expect(entry).toMatchObject({ status: 'replaced' });
  });
});
