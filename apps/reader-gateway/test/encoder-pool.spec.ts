import { PersonalizationCompleted, PersonalizationRequested } from '@bitaqa/contracts';
import { vpcdReaderName } from '@bitaqa/card';
import { waitFor } from '@bitaqa/testing';

import type { EncoderView } from '../src/encoders/encoders.controller';
import type { HealthReport } from '../src/health/health.controller';
import type { JobView } from '../src/jobs/jobs.controller';

import { personalizationRequest } from './support/builders';
import { ENCODER_ID, Harness, SECOND_ENCODER_ID } from './support/harness';

/** Time an encoder has to notice that its reader left or came back, well above the 200 ms poll. */
const NOTICE_MS = 5_000;

describe('encoder pool', () => {
  let harness: Harness;

  beforeAll(async () => {
    // A long card wait, so a job given back within NOTICE_MS was given back by the unplug.
    harness = await Harness.start('pool', { cardWaitTimeoutMs: 60_000, encoders: 2 });
  });

  afterAll(async () => {
    await harness?.close();
  });

  async function encoder(id: string): Promise<EncoderView> {
    return (await harness.http<EncoderView>(`/encoders/${id}`)).body;
  }

  async function waitForStatus(id: string, status: EncoderView['status']): Promise<EncoderView> {
    return waitFor(
      `encoder ${id} to be ${status}`,
      async () => {
        const view = await encoder(id);

        return view.status === status ? view : undefined;
      },
      { timeoutMs: NOTICE_MS },
    );
  }

  async function personalize(): Promise<Record<string, unknown>> {
    const request = personalizationRequest();
    await harness.publish(PersonalizationRequested, request);
    const result = await harness.resultFor(request.jobId);

    expect(result.type).toBe(PersonalizationCompleted.type);

    return result.data;
  }

  it('finds both readers', async () => {
    const first = await waitForStatus(ENCODER_ID, 'idle');
    const second = await waitForStatus(SECOND_ENCODER_ID, 'idle');

    expect(first.readerName).toBe(vpcdReaderName(0));
    expect(second.readerName).toBe(vpcdReaderName(1));
    expect(first.lastSeenAt).not.toBeNull();
    expect(second.lastSeenAt).not.toBeNull();
  });

  it('marks an unplugged encoder offline', async () => {
    await harness.unplug(ENCODER_ID);
    const offline = await waitForStatus(ENCODER_ID, 'offline');
    const { body: health } = await harness.http<HealthReport>('/health');

    expect(offline.currentJobId).toBeNull();
    expect(health.status).toBe('degraded');
    expect(health.offlineEncoders).toEqual([ENCODER_ID]);
  });

  it('gives work to the encoder left', async () => {
    const results = [await personalize(), await personalize()];

    expect(results.map((result) => result['encoderId'])).toEqual([
      SECOND_ENCODER_ID,
      SECOND_ENCODER_ID,
    ]);
  });

  it('takes work again after replug', async () => {
    await harness.plugIn(ENCODER_ID);
    await waitForStatus(ENCODER_ID, 'idle');
    await harness.unplug(SECOND_ENCODER_ID);
    await waitForStatus(SECOND_ENCODER_ID, 'offline');
    const result = await personalize();
    const view = await encoder(ENCODER_ID);

    expect(result['encoderId']).toBe(ENCODER_ID);
    expect(view.cardsPersonalized).toBe(1);
  });

  it('requeues the job of an unplugged encoder', async () => {
    // Encoder 1 has its reader but no card, so it holds the job while it waits for one.
    await harness.feederOf(ENCODER_ID).stop();
    const request = personalizationRequest();
    await harness.publish(PersonalizationRequested, request);
    const waiting = await waitForStatus(ENCODER_ID, 'waiting_for_card');
    harness.readers.unplug(vpcdReaderName(0));
    await waitForStatus(ENCODER_ID, 'offline');
    const { body: queued } = await harness.http<JobView>(`/jobs/${request.jobId}`);
    await harness.plugIn(SECOND_ENCODER_ID);
    const result = await harness.resultFor(request.jobId);

    expect(waiting.currentJobId).toBe(request.jobId);
    expect(queued.status).toBe('queued');
    expect(queued.cardAttempts).toEqual([]);
    expect(result.data['encoderId']).toBe(SECOND_ENCODER_ID);
  });

  it('lists every encoder with its state', async () => {
    const { body } = await harness.http<{ encoders: EncoderView[] }>('/encoders');

    expect(body.encoders.map((view) => [view.id, view.status])).toEqual([
      [ENCODER_ID, 'offline'],
      [SECOND_ENCODER_ID, expect.stringMatching(/^(idle|waiting_for_card|writing)$/)],
    ]);
    expect(body.encoders[1]!.cardsPersonalized).toBe(3);
    expect(body.encoders[1]!.cardsFailed).toBe(0);
  });
});
