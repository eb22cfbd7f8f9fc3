import { IdentityUpdated, PersonalizationCompleted } from '@bitaqa/contracts';
import { waitFor } from '@bitaqa/testing';

import type { Card } from '../../src/cards/card';
import type { CardDetails } from '../../src/cards/cards.service';
import type { IdentitySnapshot } from '../../src/identities/identity';

import { completedResult } from './builders';

import type { Harness } from './harness';

/** Waits until the holder has a card in `status` and returns it. */
export async function waitForCardOf(
  harness: Harness,
  nationalNumber: string,
  status: Card['status'],
): Promise<Card> {
  return waitFor(`a ${status} card for ${nationalNumber}`, async () => {
    const { body } = await harness.http<{ items: Card[] }>(
      'GET',
      `/cards?nationalNumber=${nationalNumber}`,
    );

    return body.items.find((card) => card.status === status);
  });
}

/** Waits until the card has `status` and returns it with its history. */
export async function waitForCardStatus(
  harness: Harness,
  cardNumber: string,
  status: Card['status'],
): Promise<CardDetails> {
  return waitFor(`card ${cardNumber} to become ${status}`, async () => {
    const { body } = await harness.http<CardDetails>('GET', `/cards/${cardNumber}`);

    return body.status === status ? body : undefined;
  });
}

/** Waits until the consumer group has processed `count` distinct events. */
export async function waitForProcessedEvents(harness: Harness, count: number): Promise<void> {
  await waitFor(`${count} processed events`, async () => {
    const processed = await harness.prisma.inboxEvent.count();

    return processed >= count ? processed : undefined;
  });
}

/**
 * Publishes the identity, waits for its queued card, reports the personalization as completed
 * and returns the card once it is issued.
 */
export async function issueCardFor(harness: Harness, identity: IdentitySnapshot): Promise<Card> {
  await harness.publish(IdentityUpdated, identity);

  const queued = await waitForCardOf(harness, identity.nationalNumber, 'queued');

  return completePersonalization(harness, queued);
}

/** Reports the queued card's current job as completed and waits until the card is issued. */
export async function completePersonalization(harness: Harness, queued: Card): Promise<Card> {
  const job = { cardNumber: queued.cardNumber, jobId: String(queued.currentJobId) };

  await harness.publish(PersonalizationCompleted, completedResult(job));

  return waitForCardStatus(harness, queued.cardNumber, 'issued');
}
