import {
  PersonalizationCompleted,
  PersonalizationFailed,
  PersonalizationRequested,
} from '@bitaqa/contracts';
import { waitFor } from '@bitaqa/testing';

import type { EncoderView } from '../src/encoders/encoders.controller';
import type { JobView } from '../src/jobs/jobs.controller';

import { personalizationRequest } from './support/builders';
import { ENCODER_ID, Harness } from './support/harness';

// The feeder pulls the 1st, 3rd and 4th cards out mid-write. With two cards per job, the first
// job succeeds on its second card, the second job spoils both of its cards and fails, and the
// third job succeeds on the fifth card.
const PULLED_CARDS = [
  { atApdu: 9, card: 1 },
  { atApdu: 12, card: 3 },
  { atApdu: 15, card: 4 },
];

describe('spoiled cards', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await Harness.start('spoiled', {
      feeder: { pulledCards: PULLED_CARDS },
      maxCardsPerJob: 2,
    });
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('retries a spoiled card on the next blank card', async () => {
    const request = personalizationRequest();
    await harness.publish(PersonalizationRequested, request);
    const result = await harness.resultFor(request.jobId);
    const { body: job } = await harness.http<JobView>(`/jobs/${request.jobId}`);

    expect(result.type).toBe(PersonalizationCompleted.type);
    expect(result.data['spoiledCards']).toBe(1);
    expect(job.cardAttempts.map((attempt) => attempt.outcome)).toEqual(['spoiled', 'personalized']);
    expect(job.cardAttempts[0]!.errorCode).toBe('CARD_SPOILED');
    expect(harness.feeder.spoiledCards).toHaveLength(1);
    // The spoiled card and the next one are keyed with the secrets fetched once for the job.
    expect(
      harness.authority!.requests.filter((entry) => entry.jobId === request.jobId),
    ).toHaveLength(1);
  });

  it('fails a job whose cards are all spoiled', async () => {
    const request = personalizationRequest();
    await harness.publish(PersonalizationRequested, request);
    // Card 3 is spoiled and card 4 is being tried, so the encoder shows the spoiled card.
    const spoiled = await waitFor('encoder to show a spoiled card', async () => {
      const { body } = await harness.http<EncoderView>(`/encoders/${ENCODER_ID}`);

      return body.status === 'spoiled_last' ? body : undefined;
    });
    const result = await harness.resultFor(request.jobId);
    const { body: job } = await harness.http<JobView>(`/jobs/${request.jobId}`);

    expect(spoiled.currentJobId).toBe(request.jobId);
    expect(spoiled.cardsFailed).toBeGreaterThanOrEqual(2);
    expect(result.type).toBe(PersonalizationFailed.type);
    expect(result.data['code']).toBe('CARD_SPOILED');
    expect(result.data['spoiledCards']).toBe(2);
    expect(result.data['reason']).toMatch(/2 cards failed/);
    expect(job.status).toBe('failed');
    expect(job.failureCode).toBe('CARD_SPOILED');
  });

  it('goes on with the next job after a failure', async () => {
    const request = personalizationRequest();
    await harness.publish(PersonalizationRequested, request);
    const result = await harness.resultFor(request.jobId);
    const { body } = await harness.http<{ encoders: EncoderView[] }>('/encoders');

    expect(result.type).toBe(PersonalizationCompleted.type);
    expect(result.data['spoiledCards']).toBe(0);
    expect(body.encoders[0]!.cardsSpoiled).toBe(3);
    expect(body.encoders[0]!.cardsFailed).toBe(3);
    expect(body.encoders[0]!.cardsPersonalized).toBe(2);
    expect(body.encoders[0]!.lastError?.code).toBe('CARD_SPOILED');
  });
});
