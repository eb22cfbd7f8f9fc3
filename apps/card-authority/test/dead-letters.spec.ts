import { randomUUID } from 'node:crypto';

import {
  IdentityUpdated,
  PersonalizationCompleted,
  Topics,
  type TopicName,
} from '@bitaqa/contracts';

import { completedResult, headIdentity } from './support/builders';
import { Harness, type TopicRecord } from './support/harness';
import { waitForCardOf, waitForCardStatus } from './support/queries';

/** CloudEvents headers of a message whose value is then broken on purpose. */
function headersFor(type: string, subject: string): Record<string, string> {
  return {
    ce_id: randomUUID(),
    ce_source: '/test',
    ce_specversion: '1.0',
    ce_subject: subject,
    ce_time: new Date().toISOString(),
    ce_type: type,
    'content-type': 'application/json',
  };
}

describe('dead-letter topics', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await Harness.start('dead-letters');
  });

  afterAll(async () => {
    await harness?.close();
  });

  async function deadLetters(topic: TopicName, count: number): Promise<TopicRecord[]> {
    return harness.read(harness.deadLetterTopic(topic), count);
  }

  const holder = headIdentity();

  it('parks malformed identity JSON and goes on', async () => {
    await harness.publishRaw(Topics.identityIdentities, {
      headers: headersFor(IdentityUpdated.type, holder.nationalNumber),
      key: holder.nationalNumber,
      value: '{"nationalNumber": ',
    });
    await harness.publish(IdentityUpdated, holder);

    const [parked] = await deadLetters(Topics.identityIdentities, 1);
    const card = await waitForCardOf(harness, holder.nationalNumber, 'queued');

    expect(parked?.headers.dlq_error_code).toBe('MALFORMED_JSON');
    expect(parked?.headers.dlq_reason).toBe('message value is not JSON');
    expect(parked?.headers.dlq_source_topic).toBe(harness.topic(Topics.identityIdentities));
    expect(parked?.key).toBe(holder.nationalNumber);
    expect(card.nationalNumber).toBe(holder.nationalNumber);
  });

  it('parks an identity that breaks the schema', async () => {
    const broken = { ...headIdentity(), givenNameLatin: 'ahmad', nationalNumber: '01234567890' };
    const next = headIdentity();

    await harness.publishRaw(Topics.identityIdentities, {
      headers: headersFor(IdentityUpdated.type, next.nationalNumber),
      key: next.nationalNumber,
      value: JSON.stringify(broken),
    });
    await harness.publish(IdentityUpdated, next);

    const parked = await deadLetters(Topics.identityIdentities, 2);

    await waitForCardOf(harness, next.nationalNumber, 'queued');
    expect(parked[1]?.headers.dlq_error_code).toBe('EVENT_SCHEMA_VIOLATION');
    expect(parked[1]?.headers.dlq_reason).toMatch(/nationalNumber/);
    expect(parked[1]?.headers.dlq_reason).toMatch(/givenNameLatin/);
    expect(await harness.prisma.identity.count()).toBe(2);
  });

  it('parks an unknown event type', async () => {
    await harness.publishRaw(Topics.identityIdentities, {
      headers: headersFor('sy.gov.identity.identity-merged.v1', holder.nationalNumber),
      key: holder.nationalNumber,
      value: '{}',
    });

    const parked = await deadLetters(Topics.identityIdentities, 3);

    expect(parked[2]?.headers.dlq_error_code).toBe('UNKNOWN_EVENT_TYPE');
  });

  it('parks a malformed result and goes on', async () => {
    const card = await waitForCardOf(harness, holder.nationalNumber, 'queued');

    await harness.publishRaw(Topics.readerPersonalizationResults, {
      headers: headersFor(PersonalizationCompleted.type, card.cardNumber),
      key: card.cardNumber,
      value: 'not json',
    });
    await harness.publish(
      PersonalizationCompleted,
      completedResult({ cardNumber: card.cardNumber, jobId: String(card.currentJobId) }),
    );

    const [parked] = await deadLetters(Topics.readerPersonalizationResults, 1);

    await waitForCardStatus(harness, card.cardNumber, 'issued');
    expect(parked?.headers.dlq_error_code).toBe('MALFORMED_JSON');
    expect(parked?.headers.dlq_reason).toBe('message value is not JSON');
    expect(parked?.key).toBe(card.cardNumber);
  });

  it('parks a result that breaks the schema', async () => {
    const card = await waitForCardOf(harness, holder.nationalNumber, 'issued');
    const valid = completedResult({ cardNumber: card.cardNumber, jobId: randomUUID() });

    await harness.publishRaw(Topics.readerPersonalizationResults, {
      headers: headersFor(PersonalizationCompleted.type, card.cardNumber),
      key: card.cardNumber,
      value: JSON.stringify({ ...valid, chipSerial: 'not-hex', jobId: 'job-1' }),
    });

    const parked = await deadLetters(Topics.readerPersonalizationResults, 2);

    expect(parked[1]?.headers.dlq_error_code).toBe('EVENT_SCHEMA_VIOLATION');
    expect(parked[1]?.headers.dlq_reason).toMatch(/chipSerial/);
  });
});
