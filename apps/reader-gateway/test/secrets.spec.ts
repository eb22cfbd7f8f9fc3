import { PersonalizationFailed, PersonalizationRequested } from '@bitaqa/contracts';

import type { EncoderView } from '../src/encoders/encoders.controller';

import { personalizationRequest } from './support/builders';
import { ENCODER_ID, Harness } from './support/harness';

describe('card secrets', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await Harness.start('secrets');
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('fails a job the authority rejects', async () => {
    const request = personalizationRequest();
    const cardsBefore =
      harness.feeder.personalizedCards.length + harness.feeder.spoiledCards.length;
    harness.authority!.rejectNext({ code: 'SECRETS_ALREADY_ISSUED', status: 409 });
    await harness.publish(PersonalizationRequested, request);
    const result = await harness.resultFor(request.jobId);
    const attempts = await harness.prisma.cardAttempt.count({ where: { jobId: request.jobId } });
    const { body } = await harness.http<EncoderView>(`/encoders/${ENCODER_ID}`);

    expect(result.type).toBe(PersonalizationFailed.type);
    expect(result.data['code']).toBe('SECRETS_ALREADY_ISSUED');
    expect(attempts).toBe(0);
    expect(harness.feeder.personalizedCards.length + harness.feeder.spoiledCards.length).toBe(
      cardsBefore,
    );
    expect(body.lastError?.code).toBe('SECRETS_ALREADY_ISSUED');
    expect(harness.supervisor.heldSecrets).toBe(0);
  });

  it('retries while the authority is unavailable', async () => {
    const request = personalizationRequest();
    harness.authority!.rejectNext({ code: 'SERVICE_UNAVAILABLE', status: 503 });
    await harness.publish(PersonalizationRequested, request);
    const result = await harness.resultFor(request.jobId);
    const requests = harness.authority!.requests.filter((entry) => entry.jobId === request.jobId);

    expect(result.data['chipSerial']).toBe(harness.feeder.personalizedCards.at(-1)!.serial);
    expect(requests).toHaveLength(2);
  });
});
