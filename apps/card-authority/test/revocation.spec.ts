import { IdentityUpdated, PersonalizationCompleted, Topics } from '@bitaqa/contracts';
import { waitFor } from '@bitaqa/testing';

import type { HotlistPage } from '../src/hotlist/hotlist.service';

import { completedResult, headIdentity } from './support/builders';
import { Harness } from './support/harness';
import { waitForCardOf, waitForCardStatus } from './support/queries';

describe('revocation of a deceased holder', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await Harness.start('revocation');
  });

  afterAll(async () => {
    await harness?.close();
  });

  const issuedHolder = headIdentity();
  const queuedHolder = headIdentity();
  let issuedCard: string;
  let queuedJob: { cardNumber: string; jobId: string };

  it('revokes an issued card', async () => {
    await harness.publish(IdentityUpdated, issuedHolder);
    await harness.publish(IdentityUpdated, queuedHolder);

    const queued = await waitForCardOf(harness, issuedHolder.nationalNumber, 'queued');
    const queuedOther = await waitForCardOf(harness, queuedHolder.nationalNumber, 'queued');
    const requests = await harness.read(harness.topic(Topics.authorityPersonalizationRequests), 2);
    const request = requests.find((record) => record.key === queued.cardNumber);

    queuedJob = { cardNumber: queuedOther.cardNumber, jobId: String(queuedOther.currentJobId) };
    issuedCard = queued.cardNumber;
    await harness.publish(
      PersonalizationCompleted,
      completedResult({ cardNumber: issuedCard, jobId: String(request?.data.jobId) }),
    );
    await waitForCardStatus(harness, issuedCard, 'issued');
    await harness.publish(IdentityUpdated, { ...issuedHolder, status: 'deceased', version: 2 });

    const revoked = await waitForCardStatus(harness, issuedCard, 'revoked');

    expect(revoked.statusReason).toBe('holder deceased');
    expect(revoked.history.at(-1)).toMatchObject({
      actor: 'system',
      from: 'issued',
      reason: 'holder deceased',
      to: 'revoked',
    });
  });

  it('publishes the revoked status', async () => {
    const records = await harness.read(harness.topic(Topics.authorityCardStatus), 9);
    const revoked = records.filter((record) => record.key === issuedCard).at(-1);

    expect(revoked?.data).toMatchObject({
      nationalNumber: issuedHolder.nationalNumber,
      reason: 'holder deceased',
      status: 'revoked',
      version: 6,
    });
  });

  it('lists the revoked card on the hotlist', async () => {
    const { body } = await harness.http<HotlistPage>('GET', '/hotlist');

    expect(body.items.map((item) => item.cardNumber)).toEqual([issuedCard]);
    expect(body.items[0]).toMatchObject({ reason: 'holder deceased', status: 'revoked' });
    expect(body.nextAfter).toBeNull();
  });

  it('revokes a card still in personalization', async () => {
    await harness.publish(IdentityUpdated, { ...queuedHolder, status: 'deceased', version: 2 });

    const revoked = await waitForCardStatus(harness, queuedJob.cardNumber, 'revoked');

    expect(revoked.history.at(-1)).toMatchObject({ from: 'queued', to: 'revoked' });
  });

  it('keeps a never-issued card off the hotlist', async () => {
    const { body } = await harness.http<HotlistPage>('GET', '/hotlist');

    expect(body.items.map((item) => item.cardNumber)).toEqual([issuedCard]);
  });

  it('rejects personalization of a revoked card', async () => {
    await harness.publish(PersonalizationCompleted, completedResult(queuedJob));

    const [parked] = await harness.read(
      harness.deadLetterTopic(Topics.readerPersonalizationResults),
      1,
    );
    const card = await harness.prisma.card.findUnique({
      where: { cardNumber: queuedJob.cardNumber },
    });

    expect(parked?.headers.dlq_error_code).toBe('CARD_NOT_AWAITING_PERSONALIZATION');
    expect(card?.status).toBe('revoked');
    expect(card?.chipSerial).toBeNull();
  });

  it('issues no new card to the deceased', async () => {
    await harness.publish(IdentityUpdated, { ...issuedHolder, status: 'deceased', version: 3 });
    await waitFor('identity version 3', async () => {
      const row = await harness.prisma.identity.findUnique({
        where: { nationalNumber: issuedHolder.nationalNumber },
      });

      return row?.version === 3 ? row : undefined;
    });

    const cards = await harness.prisma.card.count({
      where: { nationalNumber: issuedHolder.nationalNumber },
    });

    expect(cards).toBe(1);
  });
});
