import { randomUUID } from 'node:crypto';

import { PersonalizationRequested, Topics } from '@bitaqa/contracts';
import { waitFor } from '@bitaqa/testing';

import type { JobView } from '../src/jobs/jobs.controller';

import { personalizationRequest } from './support/builders';
import { Harness, type TopicRecord } from './support/harness';

/** CloudEvents headers of a message whose value is then broken on purpose. */
function headersFor(subject: string): Record<string, string> {
  return {
    ce_id: randomUUID(),
    ce_source: '/card-authority',
    ce_specversion: '1.0',
    ce_subject: subject,
    ce_time: new Date().toISOString(),
    ce_type: PersonalizationRequested.type,
    'content-type': 'application/json',
  };
}

describe('dead-letter topic', () => {
  let harness: Harness;

  beforeAll(async () => {
    // No feeder: these tests only look at what the consumer queues.
    harness = await Harness.start('dead-letters', { cardWaitTimeoutMs: 1_000, feeder: null });
  });

  afterAll(async () => {
    await harness?.close();
  });

  async function deadLetters(count: number): Promise<TopicRecord[]> {
    return harness.read(harness.deadLetterTopic(Topics.authorityPersonalizationRequests), count);
  }

  async function queuedJob(jobId: string): Promise<JobView> {
    return waitFor(`job ${jobId}`, async () => {
      const { body, status } = await harness.http<JobView>(`/jobs/${jobId}`);

      return status === 200 ? body : undefined;
    });
  }

  it('parks malformed JSON and goes on', async () => {
    const next = personalizationRequest();
    await harness.publishRaw(Topics.authorityPersonalizationRequests, {
      headers: headersFor(next.cardNumber),
      key: next.cardNumber,
      value: '{"jobId": ',
    });
    await harness.publish(PersonalizationRequested, next);
    const [parked] = await deadLetters(1);
    const job = await queuedJob(next.jobId);

    expect(parked?.headers['dlq_error_code']).toBe('MALFORMED_JSON');
    expect(parked?.headers['dlq_reason']).toBe('message value is not JSON');
    expect(parked?.key).toBe(next.cardNumber);
    expect(job.cardNumber).toBe(next.cardNumber);
  });

  it('parks a request that breaks the schema and goes on', async () => {
    const broken = { ...personalizationRequest(), cardNumber: '12345' };
    const next = personalizationRequest();
    await harness.publishRaw(Topics.authorityPersonalizationRequests, {
      headers: headersFor(broken.cardNumber),
      key: broken.cardNumber,
      value: JSON.stringify(broken),
    });
    await harness.publish(PersonalizationRequested, next);
    const parked = await deadLetters(2);
    await queuedJob(next.jobId);
    const brokenJob = await harness.http<JobView>(`/jobs/${broken.jobId}`);

    expect(parked[1]?.headers['dlq_error_code']).toBe('EVENT_SCHEMA_VIOLATION');
    expect(parked[1]?.headers['dlq_reason']).toMatch(/cardNumber/);
    expect(brokenJob.status).toBe(404);
    expect(await harness.prisma.personalizationJob.count()).toBe(2);
  });
});
