import { IdentityUpdated, Topics } from '@bitaqa/contracts';

import type { CardDetails } from '../src/cards/cards.service';

import { headIdentity } from './support/builders';
import { Harness } from './support/harness';
import { issueCardFor, waitForCardOf, waitForCardStatus } from './support/queries';

const DAY_MS = 24 * 60 * 60 * 1000;

describe('card expiry', () => {
  let harness: Harness;
  let now = new Date('2026-06-10T08:00:00.000Z');

  const due: string[] = [];
  let lostCard: string;
  let revokedCard: string;
  let queuedCard: string;
  let expiryDate: string;

  beforeAll(async () => {
    harness = await Harness.start('expiry', { clock: { now: () => now }, expiryIntervalMs: 150 });

    for (let index = 0; index < 3; index += 1) {
      due.push((await issueCardFor(harness, headIdentity())).cardNumber);
    }
    lostCard = (await issueCardFor(harness, headIdentity())).cardNumber;
    revokedCard = (await issueCardFor(harness, headIdentity())).cardNumber;
    await harness.http('POST', `/cards/${lostCard}/transitions`, { reason: 'lost', to: 'lost' });
    await harness.http('POST', `/cards/${revokedCard}/transitions`, {
      reason: 'fraud confirmed',
      to: 'revoked',
    });

    const queuedHolder = headIdentity();

    await harness.publish(IdentityUpdated, queuedHolder);
    queuedCard = (await waitForCardOf(harness, queuedHolder.nationalNumber, 'queued')).cardNumber;
    expiryDate = (await harness.http<CardDetails>('GET', `/cards/${due[0]}`)).body.expiryDate;
  });

  afterAll(async () => {
    await harness?.close();
  });

  async function statusOf(cardNumber: string): Promise<string> {
    return (await harness.http<CardDetails>('GET', `/cards/${cardNumber}`)).body.status;
  }

  it('expires five years after issue', () => {
    expect(expiryDate).toBe('2031-06-10');
  });

  it('keeps cards valid on the expiry date', async () => {
    now = new Date(`${expiryDate}T21:00:00.000Z`);

    const { body } = await harness.http<{ expired: number }>('POST', '/expiry/run');

    expect(body.expired).toBe(0);
    for (const cardNumber of due) expect(await statusOf(cardNumber)).toBe('issued');
  });

  it('expires due cards on schedule', async () => {
    now = new Date(new Date(`${expiryDate}T00:00:00.000Z`).getTime() + DAY_MS);

    for (const cardNumber of due) {
      const expired = await waitForCardStatus(harness, cardNumber, 'expired');

      expect(expired.statusReason).toBe(`card expired on ${expiryDate}`);
      expect(expired.history.at(-1)).toMatchObject({
        actor: 'system',
        from: 'issued',
        occurredAt: now.toISOString(),
        to: 'expired',
      });
    }
  });

  it('expires a lost card', async () => {
    const expired = await waitForCardStatus(harness, lostCard, 'expired');

    expect(expired.history.at(-1)).toMatchObject({ from: 'lost', to: 'expired' });
  });

  it('leaves final and unissued cards', async () => {
    expect(await statusOf(revokedCard)).toBe('revoked');
    expect(await statusOf(queuedCard)).toBe('queued');
  });

  it('publishes the expired status', async () => {
    const records = await harness.readPublished(Topics.authorityCardStatus);

    for (const cardNumber of [...due, lostCard]) {
      const latest = records.filter((record) => record.key === cardNumber).at(-1);

      expect(latest?.data).toMatchObject({ expiryDate, status: 'expired' });
    }
  });

  it('finds nothing left to expire', async () => {
    const { body, status } = await harness.http<{ expired: number }>('POST', '/expiry/run');

    expect(status).toBe(200);
    expect(body.expired).toBe(0);
  });

  it('lets the expired card be replaced', async () => {
    const { status } = await harness.http('POST', `/cards/${due[0]}/replacement`, {
      reason: 'expired',
    });

    expect(status).toBe(201);
    expect(await statusOf(due[0]!)).toBe('replaced');
  });
});
