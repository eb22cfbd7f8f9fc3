import {
  checkTd1,
  FileId,
  LocalCardTransport,
  openSecureChannel,
  preparePersonalization,
  readCard,
  readProtectedFile,
} from '@bitaqa/card';
import { PersonalizationCompleted, PersonalizationRequested, Topics } from '@bitaqa/contracts';

import type { EncoderView } from '../src/encoders/encoders.controller';
import type { JobView } from '../src/jobs/jobs.controller';
import { toPersonalizationData } from '../src/jobs/personalization-request';

import { personalizationRequest } from './support/builders';
import { ENCODER_ID, Harness, READER_TOKEN } from './support/harness';

describe('personalization', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await Harness.start('personalization');
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('personalizes a requested card', async () => {
    const request = personalizationRequest();
    await harness.publish(PersonalizationRequested, request);
    const result = await harness.resultFor(request.jobId);
    const card = harness.feeder.personalizedCards.at(-1)!;
    const contents = await readCard(new LocalCardTransport(card));

    expect(result.type).toBe(PersonalizationCompleted.type);
    expect(result.key).toBe(request.cardNumber);
    expect(result.data['chipSerial']).toBe(card.serial);
    expect(result.data['digest']).toBe(
      preparePersonalization(toPersonalizationData(request)).digest,
    );
    expect(result.data['encoderId']).toBe(ENCODER_ID);
    expect(result.data['spoiledCards']).toBe(0);
    expect(contents.cardNumber).toBe(request.cardNumber);
    expect(contents.holder?.arabicName.given).toBe(request.holder.givenNameAr);
    expect(contents.holder?.nationalNumber).toBe(request.holder.nationalNumber);
    expect(checkTd1(contents.mrz!).valid).toBe(true);
  });

  it('writes the card keys and certificate', async () => {
    const request = personalizationRequest();
    await harness.publish(PersonalizationRequested, request);
    await harness.resultFor(request.jobId);
    const authority = harness.authority!;
    const issued = authority.issued.get(request.jobId)!;
    const card = new LocalCardTransport(harness.feeder.personalizedCards.at(-1)!);
    // readCard leaves the Bitaqa application selected, as MUTUAL AUTHENTICATE requires.
    const contents = await readCard(card);
    const channel = await openSecureChannel(card, await authority.deriveKeys(request.cardNumber));
    const certificate = await readProtectedFile(
      channel,
      FileId.CARD_CERTIFICATE,
      issued.certificate.length,
    );
    const requests = authority.requests.filter((entry) => entry.jobId === request.jobId);

    expect(contents.lifecycle).toBe('personalized');
    expect(certificate.equals(issued.certificate)).toBe(true);
    expect(requests).toEqual([{ clientId: READER_TOKEN.subject, jobId: request.jobId }]);
    expect(harness.supervisor.heldSecrets).toBe(0);
  });

  it('shows the completed job over HTTP', async () => {
    const request = personalizationRequest();
    await harness.publish(PersonalizationRequested, request);
    await harness.resultFor(request.jobId);
    const { body, status } = await harness.http<JobView>(`/jobs/${request.jobId}`);

    expect(status).toBe(200);
    expect(body.status).toBe('completed');
    expect(body.encoderId).toBe(ENCODER_ID);
    expect(body.cardAttempts).toEqual([
      expect.objectContaining({ outcome: 'personalized', chipSerial: body.chipSerial }),
    ]);
  });

  it('queues a request sent twice once', async () => {
    const request = personalizationRequest();
    await harness.publish(PersonalizationRequested, request);
    await harness.publish(PersonalizationRequested, request);
    await harness.resultFor(request.jobId);
    const follower = personalizationRequest();
    await harness.publish(PersonalizationRequested, follower);
    await harness.resultFor(follower.jobId);
    // Five results so far (three earlier tests, this request, the follower); a duplicate would
    // make a sixth, so the read requests six and waits three seconds for it.
    const records = await harness.read(
      harness.topic(Topics.readerPersonalizationResults),
      6,
      3_000,
    );
    const attempts = await harness.prisma.cardAttempt.count({ where: { jobId: request.jobId } });

    expect(records).toHaveLength(5);
    expect(records.filter((record) => record.data['jobId'] === request.jobId)).toHaveLength(1);
    expect(attempts).toBe(1);
  });

  it('writes one card per request', async () => {
    const requests = [personalizationRequest(), personalizationRequest(), personalizationRequest()];
    for (const request of requests) {
      await harness.publish(PersonalizationRequested, request);
    }

    const results = [];
    for (const request of requests) {
      results.push(await harness.resultFor(request.jobId));
    }

    const serials = results.map((result) => result.data['chipSerial']);
    expect(new Set(serials).size).toBe(3);
    // Requests for different cards travel on different partitions, so jobs may be taken in any
    // order. Each result must still name one of the last three cards out of the feeder.
    expect(
      harness.feeder.personalizedCards
        .slice(-3)
        .map((card) => card.serial)
        .sort(),
    ).toEqual([...serials].sort());
  });

  it('counts cards on the encoder', async () => {
    const { body } = await harness.http<{ encoders: EncoderView[] }>('/encoders');
    const encoder = body.encoders[0]!;

    expect(body.encoders).toHaveLength(1);
    expect(encoder.id).toBe(ENCODER_ID);
    expect(encoder.cardsPersonalized).toBe(harness.feeder.personalizedCards.length);
    expect(encoder.cardsSpoiled).toBe(0);
    expect(encoder.simulatedFeeder).toBe('swap');
    expect(encoder.cardsFailed).toBe(0);
    expect(['idle', 'waiting_for_card', 'writing']).toContain(encoder.status);
  });
});
