import { IdentityUpdated, isValidLuhn, PersonalizationRequested, Topics } from '@bitaqa/contracts';

import type { Card } from '../src/cards/card';
import type { CardDetails } from '../src/cards/cards.service';

import { headIdentity } from './support/builders';
import { Harness } from './support/harness';
import { waitForCardOf, waitForProcessedEvents } from './support/queries';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('card issuance from identities', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await Harness.start('issuance');
  });

  afterAll(async () => {
    await harness?.close();
  });

  const firstHead = headIdentity({ givenNameAr: 'خالد', givenNameLatin: 'KHALED' });
  const secondHead = headIdentity({ familyId: null, version: 2 });
  const wife = headIdentity({ familyRole: 'wife', sex: 'F' });
  const child = headIdentity({ birthDate: '2015-06-01', familyRole: 'child' });
  const withoutFamily = headIdentity({ familyId: null, familyRole: null });
  const deceasedHead = headIdentity({ status: 'deceased' });
  let firstHeadEventId: string;

  it('issues cards to active heads only', async () => {
    firstHeadEventId = (await harness.publish(IdentityUpdated, firstHead)).id;
    for (const identity of [secondHead, wife, child, withoutFamily, deceasedHead]) {
      await harness.publish(IdentityUpdated, identity);
    }
    await waitForProcessedEvents(harness, 6);

    const first = await waitForCardOf(harness, firstHead.nationalNumber, 'queued');
    const second = await waitForCardOf(harness, secondHead.nationalNumber, 'queued');

    expect(first.familyId).toBe(firstHead.familyId);
    expect(second.familyId).toBeNull();
    for (const person of [wife, child, withoutFamily, deceasedHead]) {
      const { body } = await harness.http<{ items: Card[] }>(
        'GET',
        `/cards?nationalNumber=${person.nationalNumber}`,
      );

      expect(body.items).toEqual([]);
    }
  });

  it('numbers cards with prefix, serial and check digit', async () => {
    const card = await waitForCardOf(harness, firstHead.nationalNumber, 'queued');

    expect(card.cardNumber).toMatch(/^9760\d{12}$/);
    expect(isValidLuhn(card.cardNumber)).toBe(true);
  });

  it('sets expiry five years after issue', async () => {
    const card = await waitForCardOf(harness, firstHead.nationalNumber, 'queued');
    const issueYear = Number(card.issueDate.slice(0, 4));

    expect(card.expiryDate).toBe(`${issueYear + 5}${card.issueDate.slice(4)}`);
  });

  it('records requested, approved, queued', async () => {
    const card = await waitForCardOf(harness, firstHead.nationalNumber, 'queued');
    const { body } = await harness.http<CardDetails>('GET', `/cards/${card.cardNumber}`);

    expect(body.statusVersion).toBe(3);
    expect(body.history.map((entry) => [entry.from, entry.to, entry.version])).toEqual([
      [null, 'requested', 1],
      ['requested', 'approved', 2],
      ['approved', 'queued', 3],
    ]);
    expect(body.history.every((entry) => entry.actor === 'system')).toBe(true);
  });

  it('publishes personalization requests with holder data', async () => {
    const card = await waitForCardOf(harness, firstHead.nationalNumber, 'queued');
    const requests = await harness.read(harness.topic(Topics.authorityPersonalizationRequests), 2);

    expect(requests).toHaveLength(2);
    expect(await harness.published(PersonalizationRequested.type)).toBe(2);

    const request = requests.find((record) => record.key === card.cardNumber);

    expect(request?.type).toBe('sy.gov.authority.personalization-requested.v1');
    expect(request?.data.jobId).toMatch(UUID);
    expect(request?.data.jobId).toBe(card.currentJobId);
    expect(request?.data.expiryDate).toBe(card.expiryDate);
    expect(request?.data.holder).toEqual({
      birthDate: firstHead.birthDate,
      familyId: firstHead.familyId,
      familyNameAr: firstHead.familyNameAr,
      familyNameLatin: firstHead.familyNameLatin,
      fatherNameAr: firstHead.fatherNameAr,
      givenNameAr: 'خالد',
      givenNameLatin: 'KHALED',
      governorate: firstHead.governorate,
      nationalNumber: firstHead.nationalNumber,
      sex: firstHead.sex,
    });
  });

  it('publishes lifecycle and status events', async () => {
    const card = await waitForCardOf(harness, firstHead.nationalNumber, 'queued');
    const lifecycle = await harness.read(harness.topic(Topics.authorityCards), 6);
    const statuses = await harness.read(harness.topic(Topics.authorityCardStatus), 6);
    const ownLifecycle = lifecycle.filter((record) => record.key === card.cardNumber);
    const ownStatuses = statuses.filter((record) => record.key === card.cardNumber);

    expect(ownLifecycle.map((record) => [record.data.from, record.data.to])).toEqual([
      [null, 'requested'],
      ['requested', 'approved'],
      ['approved', 'queued'],
    ]);
    expect(ownStatuses.map((record) => [record.data.status, record.data.version])).toEqual([
      ['requested', 1],
      ['approved', 2],
      ['queued', 3],
    ]);
    expect(ownStatuses[2]?.data).toMatchObject({
      expiryDate: card.expiryDate,
      familyId: firstHead.familyId,
      nationalNumber: firstHead.nationalNumber,
    });
  });

  it('ignores a replayed identity event', async () => {
    await harness.publish(IdentityUpdated, firstHead, { id: firstHeadEventId });
    await harness.publish(IdentityUpdated, firstHead);
    await harness.publish(IdentityUpdated, { ...firstHead, version: 2 });
    await waitForProcessedEvents(harness, 8);

    const { body } = await harness.http<{ items: Card[] }>(
      'GET',
      `/cards?nationalNumber=${firstHead.nationalNumber}`,
    );
    const requests = await harness.read(harness.topic(Topics.authorityPersonalizationRequests), 2);

    expect(body.items).toHaveLength(1);
    expect(requests).toHaveLength(2);
    expect(await harness.published(PersonalizationRequested.type)).toBe(2);
  });

  it('keeps the newest identity version', async () => {
    await harness.publish(IdentityUpdated, {
      ...secondHead,
      givenNameLatin: 'OLDER',
      version: 1,
    });
    await waitForProcessedEvents(harness, 9);

    const stored = await harness.prisma.identity.findUnique({
      where: { nationalNumber: secondHead.nationalNumber },
    });

    expect(stored?.version).toBe(2);
    expect(stored?.givenNameLatin).toBe(secondHead.givenNameLatin);
  });

  it('issues when a person becomes head', async () => {
    await harness.publish(IdentityUpdated, { ...wife, familyRole: 'head', version: 2 });

    const card = await waitForCardOf(harness, wife.nationalNumber, 'queued');

    expect(card.nationalNumber).toBe(wife.nationalNumber);
  });
});
