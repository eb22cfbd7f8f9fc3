import { randomUUID } from 'node:crypto';

import { PersonalizationRequested } from '@bitaqa/contracts';
import type { ErrorBody } from '@bitaqa/http';
import { testAuthorization, waitFor } from '@bitaqa/testing';

import type { EncoderView } from '../src/encoders/encoders.controller';
import type { HealthReport } from '../src/health/health.controller';
import type { JobView } from '../src/jobs/jobs.controller';

import { personalizationRequest } from './support/builders';
import { ENCODER_ID, Harness } from './support/harness';

describe('HTTP API', () => {
  let harness: Harness;

  beforeAll(async () => {
    // No feeder, so the encoder waits for cards that never come.
    harness = await Harness.start('http', { cardWaitTimeoutMs: 1_000, feeder: null });
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('GET /health reports the database and encoders', async () => {
    const { body, status } = await harness.http<HealthReport>('/health');

    expect(status).toBe(200);
    expect(body.database).toBe('up');
    expect(body.offlineEncoders).toEqual([]);
    expect(body.status).toBe('ok');
  });

  it('GET /encoders lists the encoder', async () => {
    const { body, status } = await harness.http<{ encoders: EncoderView[] }>('/encoders');

    expect(status).toBe(200);
    expect(body.encoders.map((encoder) => encoder.id)).toEqual([ENCODER_ID]);
    expect(body.encoders[0]!.readerName).toBe('Virtual PCD 00 00');
    expect(body.encoders[0]!.simulatedFeeder).toBeNull();
  });

  it('encoder status needs a token', async () => {
    const withoutToken = await harness.http<ErrorBody>('/encoders', null);
    const otherScope = await harness.http<ErrorBody>(
      `/encoders/${ENCODER_ID}`,
      await testAuthorization({ audience: 'reader-gateway', scopes: ['station:operate'] }),
    );
    const otherAudience = await harness.http<ErrorBody>(
      '/encoders',
      await testAuthorization({ audience: 'fuel-allocation', scopes: ['reader:operate'] }),
    );
    const health = await harness.http<HealthReport>('/health', null);

    expect(withoutToken.status).toBe(401);
    expect(withoutToken.body.error.code).toBe('TOKEN_MISSING');
    expect(otherScope.status).toBe(403);
    expect(otherScope.body.error.code).toBe('SCOPE_MISSING');
    expect(otherAudience.status).toBe(401);
    expect(otherAudience.body.error.code).toBe('TOKEN_CLAIM_INVALID');
    expect(health.status).toBe(200);
  });

  it('GET /encoders/:id of an unknown encoder is 404', async () => {
    const { body, status } = await harness.http<ErrorBody>('/encoders/encoder-unknown');

    expect(status).toBe(404);
    expect(body.error.code).toBe('ENCODER_NOT_FOUND');
    expect(body.error.value).toBe('encoder-unknown');
  });

  it('GET /jobs/:id rejects a malformed id', async () => {
    const { body, status } = await harness.http<ErrorBody>('/jobs/not-a-uuid');

    expect(status).toBe(400);
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.value).toBe('not-a-uuid');
  });

  it('GET /jobs/:id of an unknown job is 404', async () => {
    const { body, status } = await harness.http<ErrorBody>(`/jobs/${randomUUID()}`);

    expect(status).toBe(404);
    expect(body.error.code).toBe('JOB_NOT_FOUND');
  });

  it('gives a job back when no card comes', async () => {
    const request = personalizationRequest();
    await harness.publish(PersonalizationRequested, request);
    const encoder = await waitFor('encoder timeout on a missing card', async () => {
      const { body } = await harness.http<EncoderView>(`/encoders/${ENCODER_ID}`);

      return body.lastError?.code === 'TIMEOUT' ? body : undefined;
    });
    const { body: job } = await harness.http<JobView>(`/jobs/${request.jobId}`);

    expect(encoder.lastError?.message).toMatch(/no card in reader/);
    expect(['queued', 'in_progress']).toContain(job.status);
    expect(job.attempts).toBe(0);
    expect(job.cardAttempts).toEqual([]);
  });
});
