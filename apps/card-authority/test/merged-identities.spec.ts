import { IdentityUpdated } from '@bitaqa/contracts';
import { waitFor } from '@bitaqa/testing';

import type { Card } from '../src/cards/card';
import type { CardDetails } from '../src/cards/cards.service';

import { headIdentity } from './support/builders';
import { Harness } from './support/harness';
import {
  issueCardFor,
  waitForCardOf,
  waitForCardStatus,
  waitForProcessedEvents,
} from './support/queries';

describe('merged identities', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await Harness.start('merged');
  });

  afterAll(async () => {
    await harness?.close();
  });

  async function cardsOf(nationalNumber: string): Promise<Card[]> {
    const { body } = await harness.http<{ items: Card[] }>(
      'GET',
      `/cards?nationalNumber=${nationalNumber}`,
    );

    return body.items;
  }

  async function waitForIdentityVersion(nationalNumber: string, version: number): Promise<void> {
    await waitFor(`identity ${nationalNumber} version ${version}`, async () => {
      const row = await harness.prisma.identity.findUnique({ where: { nationalNumber } });

      return row?.version === version ? row : undefined;
    });
  }

  it('revokes the merged card, survivor keeps its own', async () => {
    const survivor = headIdentity();
    const duplicate = headIdentity({ familyId: survivor.familyId });
    const survivorCard = await issueCardFor(harness, survivor);
    const duplicateCard = await issueCardFor(harness, duplicate);

    await harness.publish(IdentityUpdated, {
      ...duplicate,
      mergedInto: survivor.nationalNumber,
      status: 'merged',
      version: 2,
    });

    const revoked = await waitForCardStatus(harness, duplicateCard.cardNumber, 'revoked');

    expect(revoked.statusReason).toBe('identity-merged');
    expect(revoked.history.at(-1)).toMatchObject({
      actor: 'system',
      from: 'issued',
      reason: 'identity-merged',
      to: 'revoked',
    });
    expect((await cardsOf(survivor.nationalNumber)).map((card) => card.status)).toEqual(['issued']);
    expect((await cardsOf(survivor.nationalNumber))[0]?.cardNumber).toBe(survivorCard.cardNumber);
  });

  it('gives the survivor a card', async () => {
    const survivor = headIdentity();
    const duplicate = headIdentity({ familyId: survivor.familyId });
    const survivorCard = await issueCardFor(harness, survivor);
    const duplicateCard = await issueCardFor(harness, duplicate);

    // The survivor's own card has expired, so at the merge it has no live card.
    await harness.prisma.$transaction((tx) =>
      harness.lifecycle.transition(tx, survivorCard.cardNumber, {
        actor: 'system',
        reason: 'card expired',
        to: 'expired',
      }),
    );
    await harness.publish(IdentityUpdated, {
      ...duplicate,
      mergedInto: survivor.nationalNumber,
      status: 'merged',
      version: 2,
    });
    await waitForCardStatus(harness, duplicateCard.cardNumber, 'revoked');

    const moved = await waitForCardOf(harness, survivor.nationalNumber, 'queued');
    const { body } = await harness.http<CardDetails>('GET', `/cards/${moved.cardNumber}`);

    expect(moved.familyId).toBe(survivor.familyId);
    expect(body.history[0]?.reason).toBe(`survivor of merged identity ${duplicate.nationalNumber}`);
  });

  it('issues no card to a merged identity', async () => {
    const survivor = headIdentity();
    const duplicate = headIdentity();

    await harness.publish(IdentityUpdated, {
      ...duplicate,
      mergedInto: survivor.nationalNumber,
      status: 'merged',
    });
    await waitForIdentityVersion(duplicate.nationalNumber, 1);

    expect(await cardsOf(duplicate.nationalNumber)).toEqual([]);

    const stored = await harness.prisma.identity.findUnique({
      where: { nationalNumber: duplicate.nationalNumber },
    });

    expect(stored).toMatchObject({ mergedInto: survivor.nationalNumber, status: 'merged' });
  });

  it('revokes a card still in personalization', async () => {
    const duplicate = headIdentity();

    await harness.publish(IdentityUpdated, duplicate);

    const queued = await waitForCardOf(harness, duplicate.nationalNumber, 'queued');

    await harness.publish(IdentityUpdated, {
      ...duplicate,
      mergedInto: headIdentity().nationalNumber,
      status: 'merged',
      version: 2,
    });

    const revoked = await waitForCardStatus(harness, queued.cardNumber, 'revoked');

    expect(revoked.history.at(-1)).toMatchObject({ from: 'queued', reason: 'identity-merged' });
  });

  it('ignores a stale active version', async () => {
    const duplicate = headIdentity();
    const card = await issueCardFor(harness, duplicate);

    await harness.publish(IdentityUpdated, {
      ...duplicate,
      mergedInto: headIdentity().nationalNumber,
      status: 'merged',
      version: 3,
    });
    await waitForCardStatus(harness, card.cardNumber, 'revoked');

    const processed = await harness.prisma.inboxEvent.count();

    await harness.publish(IdentityUpdated, { ...duplicate, version: 2 });
    await waitForProcessedEvents(harness, processed + 1);

    expect((await cardsOf(duplicate.nationalNumber)).map((entry) => entry.status)).toEqual([
      'revoked',
    ]);
  });
});
