import {
  IdentityUpdated,
  PersonalizationCompleted,
  PersonalizationFailed,
  PersonalizationRequested,
  Topics,
} from '@bitaqa/contracts';
import { waitFor } from '@bitaqa/testing';

import type { CardStats } from '../src/reports/reports.service';

import { completedResult, failedResult, headIdentity, unknownJobId } from './support/builders';
import { Harness, type TopicRecord } from './support/harness';
import { waitForCardOf, waitForCardStatus } from './support/queries';

interface Request {
  cardNumber: string;
  jobId: string;
  siteId: string | undefined;
}

describe('personalization results', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await Harness.start('personalization');
  });

  afterAll(async () => {
    await harness?.close();
  });

  /** Reads requests until `count` exist and returns those for `cardNumber`, oldest first. */
  async function requestsFor(cardNumber: string, count: number): Promise<Request[]> {
    const records = await harness.read(
      harness.topic(Topics.authorityPersonalizationRequests),
      count,
    );

    return records
      .filter((record) => record.key === cardNumber)
      .map((record) => ({
        cardNumber,
        jobId: String(record.data.jobId),
        siteId: record.data.siteId as string | undefined,
      }));
  }

  async function deadLetters(count: number): Promise<TopicRecord[]> {
    return harness.read(harness.deadLetterTopic(Topics.readerPersonalizationResults), count);
  }

  const issuedHead = headIdentity();
  const failingHead = headIdentity();

  it('issues the card on completion', async () => {
    await harness.publish(IdentityUpdated, issuedHead);

    const queued = await waitForCardOf(harness, issuedHead.nationalNumber, 'queued');
    const [request] = await requestsFor(queued.cardNumber, 1);
    const result = completedResult(request!);

    await harness.publish(PersonalizationCompleted, result);

    const issued = await waitForCardStatus(harness, queued.cardNumber, 'issued');

    expect(request?.siteId).toBe(issuedHead.governorate);
    expect(issued.chipSerial).toBe(result.chipSerial);
    expect(issued.personalizationDigest).toBe(result.digest);
    expect(issued.issuedAt).not.toBeNull();
    expect(issued.currentJobId).toBeNull();
    expect(issued.history.map((entry) => entry.to)).toEqual([
      'requested',
      'approved',
      'queued',
      'personalized',
      'issued',
    ]);
  });

  it('publishes the issued status on the compacted topic', async () => {
    const card = await waitForCardOf(harness, issuedHead.nationalNumber, 'issued');
    const records = await harness.read(harness.topic(Topics.authorityCardStatus), 5);
    const issued = records.find((record) => record.data.status === 'issued');

    expect(issued?.key).toBe(card.cardNumber);
    expect(issued?.type).toBe('sy.gov.authority.card-status.v1');
    expect(issued?.data).toMatchObject({
      cardNumber: card.cardNumber,
      expiryDate: card.expiryDate,
      familyId: issuedHead.familyId,
      nationalNumber: issuedHead.nationalNumber,
      status: 'issued',
      version: 5,
    });
  });

  it('requeues twice, then flags the card', async () => {
    await harness.publish(IdentityUpdated, failingHead);

    const card = await waitForCardOf(harness, failingHead.nationalNumber, 'queued');

    for (let attempt = 1; attempt <= 3; attempt += 1) {
      // The first card's request plus this card's requests so far.
      const requests = await requestsFor(card.cardNumber, 1 + attempt);

      expect(requests).toHaveLength(attempt);
      await harness.publish(PersonalizationFailed, failedResult(requests[attempt - 1]!));
    }

    const flagged = await waitFor('personalization failure flag', async () => {
      const row = await harness.prisma.card.findUnique({ where: { cardNumber: card.cardNumber } });

      return row?.personalizationFailed ? row : undefined;
    });
    const requests = await requestsFor(card.cardNumber, 4);
    const jobs = await harness.prisma.personalizationJob.findMany({
      orderBy: { attempt: 'asc' },
      where: { cardNumber: card.cardNumber },
    });

    expect(flagged.status).toBe('queued');
    expect(requests).toHaveLength(3);
    expect(await harness.published(PersonalizationRequested.type)).toBe(4);
    expect(new Set(requests.map((request) => request.jobId)).size).toBe(3);
    expect(jobs.map((job) => [job.attempt, job.status])).toEqual([
      [1, 'failed'],
      [2, 'failed'],
      [3, 'failed'],
    ]);
    expect(jobs[0]?.failureCode).toBe('VERIFY_MISMATCH');
  });

  it('counts flagged cards in stats', async () => {
    const { body } = await harness.http<CardStats>('GET', '/stats');

    expect(body.byStatus.issued).toBe(1);
    expect(body.byStatus.queued).toBe(1);
    expect(body.personalizationFailed).toBe(1);
    expect(body.total).toBe(2);
  });

  it('rejects an unknown job to the dead-letter topic', async () => {
    const card = await waitForCardOf(harness, failingHead.nationalNumber, 'queued');

    await harness.publish(
      PersonalizationCompleted,
      completedResult({ cardNumber: card.cardNumber, jobId: unknownJobId() }),
    );

    const [parked] = await deadLetters(1);

    expect(parked?.headers.dlq_error_code).toBe('UNKNOWN_PERSONALIZATION_JOB');
    expect(parked?.headers.dlq_reason).toMatch(/was never requested/);
  });

  it('rejects a stale job to the dead-letter topic', async () => {
    const card = await waitForCardOf(harness, issuedHead.nationalNumber, 'issued');
    const [request] = await requestsFor(card.cardNumber, 4);

    await harness.publish(PersonalizationCompleted, completedResult(request!));

    const parked = await deadLetters(2);
    const after = await harness.http<{ statusVersion: number }>('GET', `/cards/${card.cardNumber}`);

    expect(parked[1]?.headers.dlq_error_code).toBe('STALE_PERSONALIZATION_JOB');
    expect(parked[1]?.headers.dlq_reason).toMatch(/not the current job/);
    expect(after.body.statusVersion).toBe(5);
  });

  it('rejects a job of another card', async () => {
    const issued = await waitForCardOf(harness, issuedHead.nationalNumber, 'issued');
    const failing = await waitForCardOf(harness, failingHead.nationalNumber, 'queued');
    const [request] = await requestsFor(failing.cardNumber, 4);

    await harness.publish(
      PersonalizationFailed,
      failedResult({ cardNumber: issued.cardNumber, jobId: request!.jobId }),
    );

    const parked = await deadLetters(3);

    expect(parked[2]?.headers.dlq_error_code).toBe('UNKNOWN_PERSONALIZATION_JOB');
  });
});
