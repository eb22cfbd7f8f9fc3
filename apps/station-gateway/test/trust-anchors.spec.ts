import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { acquireVpcdLock, type CardImage } from '@bitaqa/card';
import { CardStatusChanged } from '@bitaqa/contracts';
import {
  createPrefixedTopics,
  deletePrefixedTopics,
  uniqueTopicPrefix,
  waitFor,
} from '@bitaqa/testing';

import { startCardAuthority, type TestCardAuthority } from './support/card-authority';
import {
  defaultIssuer,
  insertIntoStationReader,
  personalizedCard,
  removeFromStationReader,
} from './support/cards';
import { cardStatus, makeCardNumber, publish } from './support/events';
import { getJson, postJson, type ErrorBody } from './support/http';
import { startStation, type TestStation } from './support/station';

interface AnchorBody {
  certificate: string;
  keyVersion: number;
  source: string;
  status: string;
}

/** No service listens on the discard port, so calls to it fail at once. */
const CLOSED_URL = 'http://127.0.0.1:9';
const FIRST_VERSION_CARD = 41;
const SECOND_VERSION_CARD = 42;

describe('trust anchors from the card authority', () => {
  const prefix = uniqueTopicPrefix('station-anchors');
  let authority: TestCardAuthority;
  let station: TestStation;
  const extraStations: TestStation[] = [];
  const cards = new Map<number, CardImage>();

  async function anchors(target: TestStation = station): Promise<AnchorBody[]> {
    const { body } = await getJson<{ trustAnchors: AnchorBody[] }>(`${target.url}/trust-anchors`);

    return body.trustAnchors;
  }

  async function sell(serial: number) {
    const inserted = await insertIntoStationReader(cards.get(serial)!);

    try {
      return await postJson<ErrorBody>(`${station.url}/transactions`, {
        productCode: 'diesel-heating',
        quantity: 1_000,
      });
    } finally {
      await removeFromStationReader(inserted);
    }
  }

  beforeAll(async () => {
    await createPrefixedTopics(prefix);
    authority = await startCardAuthority(prefix);
    await publish(prefix, CardStatusChanged, [
      cardStatus(FIRST_VERSION_CARD),
      cardStatus(SECOND_VERSION_CARD),
    ]);
    cards.set(
      FIRST_VERSION_CARD,
      await personalizedCard(
        cardStatus(FIRST_VERSION_CARD),
        await authority.cardSecrets(makeCardNumber(FIRST_VERSION_CARD)),
      ),
    );
    station = await startStation('ST-SY01-078', {
      CARD_AUTHORITY_URL: authority.url,
      CARD_WAIT_MS: '1500',
      FUEL_ALLOCATION_MAX_ATTEMPTS: '1',
      FUEL_ALLOCATION_URL: CLOSED_URL,
      ISSUER_CERTIFICATES_FILE: '',
      KAFKA_TOPIC_PREFIX: prefix,
    });
    await waitFor('two cards cached', async () => {
      const { body } = await getJson<{ cache: { cards: number } }>(`${station.url}/health`);

      return body.cache.cards === 2 ? true : undefined;
    });
  }, 10 * 60_000);

  afterAll(async () => {
    for (const extra of extraStations) await extra.close();
    await station?.close();
    await authority?.close();
    await deletePrefixedTopics(prefix);
  });

  it('stores the active issuer certificate at start', async () => {
    const { body } = await authority.get<{ certificate: string }>('/keys/issuer-certificate');
    const stored = await waitFor('the station fetched version 1', async () => {
      const found = await anchors();

      return found.length === 1 ? found : undefined;
    });

    expect(stored).toEqual([
      expect.objectContaining({
        certificate: body.certificate,
        keyVersion: 1,
        source: 'authority',
        status: 'active',
      }),
    ]);
  });

  it('follows a new version and a retired one', async () => {
    const started = await authority.postAsOfficer('/keys/versions', { previous: 'retiring' });

    expect(started.status).toBe(201);

    cards.set(
      SECOND_VERSION_CARD,
      await personalizedCard(
        cardStatus(SECOND_VERSION_CARD),
        await authority.cardSecrets(makeCardNumber(SECOND_VERSION_CARD)),
      ),
    );

    const refreshed = await postJson<{ trustAnchors: AnchorBody[] }>(
      `${station.url}/trust-anchors/refresh`,
      {},
    );

    expect(refreshed.status).toBe(200);
    expect(refreshed.body.trustAnchors.map((anchor) => [anchor.keyVersion, anchor.status])).toEqual(
      [
        [2, 'active'],
        [1, 'retiring'],
      ],
    );

    const retired = await authority.postAsOfficer('/keys/versions/1/retire', {
      force: true,
      reason: 'station trust anchor test',
    });

    expect(retired.status).toBe(200);
    expect((await postJson(`${station.url}/trust-anchors/refresh`, {})).status).toBe(200);
    expect((await anchors()).map((anchor) => [anchor.keyVersion, anchor.status])).toEqual([
      [2, 'active'],
      [1, 'retired'],
    ]);
  });

  it(
    'authenticates cards against the fetched keys',
    async () => {
      const releaseVpcd = await acquireVpcdLock();

      try {
        const retired = await sell(FIRST_VERSION_CARD);
        const current = await sell(SECOND_VERSION_CARD);

        expect(retired.body.error.details?.['refusal']).toBe('ISSUER_KEY_RETIRED');
        // Authentication and the cache checks passed; only fuel-allocation was out of reach.
        expect(current.status).toBe(503);
        expect(current.body.error.code).toBe('FUEL_ALLOCATION_UNREACHABLE');
      } finally {
        releaseVpcd();
      }
      // Other suites hold the vpcd slots for minutes; the lock waits for them.
    },
    20 * 60_000,
  );

  it('keeps a stored certificate over another for its version', async () => {
    const other = await startStation('ST-SY01-079', {
      CARD_AUTHORITY_URL: authority.url,
      KAFKA_TOPIC_PREFIX: prefix,
    });

    extraStations.push(other);

    const { body, status } = await postJson<ErrorBody>(`${other.url}/trust-anchors/refresh`, {});

    const fromFile = (await defaultIssuer()).certificate.toString('base64');
    const firstVersion = (await anchors(other)).find((anchor) => anchor.keyVersion === 1);

    expect(status).toBe(409);
    expect(body.error.code).toBe('TRUST_ANCHOR_CONFLICT');
    expect(firstVersion).toMatchObject({ certificate: fromFile, source: 'file' });
  });

  it('reports an unreachable authority', async () => {
    const offline = await startStation('ST-SY01-080', {
      CARD_AUTHORITY_URL: CLOSED_URL,
      KAFKA_TOPIC_PREFIX: prefix,
    });

    extraStations.push(offline);

    const { body, status } = await postJson<ErrorBody>(`${offline.url}/trust-anchors/refresh`, {});

    expect(status).toBe(503);
    expect(body.error.code).toBe('CARD_AUTHORITY_UNAVAILABLE');
    expect(await anchors(offline)).toHaveLength(1);
  });

  it('refuses to start with an invalid certificates file', async () => {
    const path = join(tmpdir(), `${prefix}issuer-certificates.json`);

    writeFileSync(path, JSON.stringify({ issuerCertificates: [{ version: 1 }] }));

    await expect(
      startStation('ST-SY01-081', { ISSUER_CERTIFICATES_FILE: path, KAFKA_TOPIC_PREFIX: prefix }),
    ).rejects.toMatchObject({ code: 'ISSUER_CERTIFICATES_FILE_INVALID' });
  });
});
