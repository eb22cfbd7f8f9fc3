import { CardStatusChanged, PolicyPublished, Topics } from '@bitaqa/contracts';
import { headerText, physicalDeadLetterTopic, physicalTopic } from '@bitaqa/messaging';
import {
  createPrefixedTopics,
  deletePrefixedTopics,
  readTopic,
  testAuthorization,
  uniqueTopicPrefix,
  waitFor,
} from '@bitaqa/testing';

import {
  cardStatus,
  eventRecord,
  makeCardNumber,
  policy,
  publish,
  sendRaw,
} from './support/events';
import { getJson, postJson, type ErrorBody } from './support/http';
import { startStation, type TestStation } from './support/station';

interface CardStatusBody {
  reason: string;
  status: string;
  usable: boolean;
  version: number;
}

interface HealthBody {
  cache: { cards: number; policies: number };
  consumer: { groupId: string; lag: number | null };
  status: string;
}

interface StatsBody {
  cards: { byStatus: Record<string, number>; total: number };
  policies: number;
  transactions: Record<string, number>;
}

interface PoliciesBody {
  policies: { policyVersion: number; pricePiastres: number; productCode: string }[];
}

/** Waits until the station serves `cardNumber` at `version`, and returns the served status. */
async function cachedAtVersion(station: TestStation, serial: number, version: number) {
  return waitFor(`card ${serial} at version ${version}`, async () => {
    const { body, status } = await getJson<CardStatusBody>(
      `${station.url}/cards/${makeCardNumber(serial)}/status`,
    );

    return status === 200 && body.version === version ? body : undefined;
  });
}

function inboxCount(station: TestStation): number {
  return station.rows<{ count: number }>('SELECT COUNT(*) AS count FROM inbox_events')[0]!.count;
}

describe('station cache', () => {
  const prefix = uniqueTopicPrefix('station-cache');
  const env = { KAFKA_TOPIC_PREFIX: prefix };
  const stations: TestStation[] = [];

  beforeAll(async () => {
    await createPrefixedTopics(prefix);
    await publish(prefix, CardStatusChanged, [
      cardStatus(1, { version: 1 }),
      cardStatus(2, { version: 1 }),
      cardStatus(1, { reason: 'holder deceased', status: 'revoked', version: 2 }),
      cardStatus(3, { status: 'queued', version: 1 }),
    ]);
    await publish(prefix, PolicyPublished, [
      policy({ policyVersion: 1, pricePiastres: 500_000 }),
      policy({ policyVersion: 2, pricePiastres: 1_000_000 }),
    ]);
  });

  afterAll(async () => {
    for (const station of stations) await station.close();
    await deletePrefixedTopics(prefix);
  });

  it('rebuilds from the compacted topics', async () => {
    const station = await startStation('ST-CACHE-1', env);

    stations.push(station);

    const revoked = await cachedAtVersion(station, 1, 2);
    const issued = await cachedAtVersion(station, 2, 1);
    const queued = await cachedAtVersion(station, 3, 1);
    const policies = await waitFor('policy version 2', async () => {
      const { body } = await getJson<PoliciesBody>(`${station.url}/policies`);

      return body.policies[0]?.policyVersion === 2 ? body.policies : undefined;
    });

    expect(revoked).toMatchObject({ reason: 'holder deceased', status: 'revoked', usable: false });
    expect(issued).toMatchObject({ status: 'issued', usable: true });
    expect(queued).toMatchObject({ status: 'queued', usable: false });
    expect(policies).toHaveLength(1);
    expect(policies[0]).toMatchObject({ pricePiastres: 1_000_000, productCode: 'gas-cylinder' });
  });

  it('keeps the newer status', async () => {
    const station = stations[0]!;
    const before = inboxCount(station);

    await publish(prefix, CardStatusChanged, [
      cardStatus(2, { status: 'active', version: 4 }),
      cardStatus(2, { reason: 'late record', status: 'suspended', version: 3 }),
    ]);
    await waitFor('both records handled', () =>
      inboxCount(station) === before + 2 ? true : undefined,
    );

    const { body } = await getJson<CardStatusBody>(
      `${station.url}/cards/${makeCardNumber(2)}/status`,
    );

    expect(body).toMatchObject({ status: 'active', usable: true, version: 4 });
  });

  it('applies a redelivered event once', async () => {
    const station = stations[0]!;
    const record = eventRecord(CardStatusChanged, cardStatus(4, { version: 1 }));
    const before = inboxCount(station);

    await sendRaw(physicalTopic(Topics.authorityCardStatus, prefix), [record, record]);
    await cachedAtVersion(station, 4, 1);
    await waitFor('duplicate consumed', async () => {
      const { body } = await getJson<HealthBody>(`${station.url}/health`);

      return body.consumer.lag === 0 ? true : undefined;
    });

    expect(inboxCount(station)).toBe(before + 1);
  });

  it('dead-letters invalid events and goes on', async () => {
    const station = stations[0]!;
    const topic = physicalTopic(Topics.authorityCardStatus, prefix);
    const valid = eventRecord(CardStatusChanged, cardStatus(5, { version: 1 }));
    const offSchema = eventRecord(CardStatusChanged, cardStatus(6));

    offSchema.value = JSON.stringify({ ...cardStatus(6), status: 'melted' });
    await sendRaw(topic, [
      { ...valid, key: makeCardNumber(7), value: '{not json' },
      offSchema,
      valid,
    ]);

    const dead = await readTopic(physicalDeadLetterTopic(Topics.authorityCardStatus, prefix), 2);
    const handled = await cachedAtVersion(station, 5, 1);
    const unknown = await getJson<ErrorBody>(`${station.url}/cards/${makeCardNumber(6)}/status`);

    // The two records have different keys, so they may sit on different partitions.
    const codes = dead.map((message) => headerText(message.headers, 'dlq_error_code'));
    const offSchemaDead = dead.find(
      (message) => headerText(message.headers, 'dlq_error_code') === 'EVENT_SCHEMA_VIOLATION',
    );

    expect(codes.sort()).toEqual(['EVENT_SCHEMA_VIOLATION', 'MALFORMED_JSON']);
    expect(headerText(offSchemaDead?.headers, 'dlq_reason')).toContain('status');
    expect(handled).toMatchObject({ status: 'issued' });
    expect(unknown.status).toBe(404);
  });

  it('rebuilds a second station alone', async () => {
    const second = await startStation('ST-CACHE-2', env);

    stations.push(second);

    const revoked = await cachedAtVersion(second, 1, 2);
    const active = await cachedAtVersion(second, 2, 4);

    expect(revoked.status).toBe('revoked');
    expect(active.status).toBe('active');
    expect(second.rows('SELECT DISTINCT consumer_group FROM inbox_events')).toEqual([
      { consumer_group: `${prefix}station-gateway-ST-CACHE-2` },
    ]);
  });

  it('reports stats and health', async () => {
    const station = stations[0]!;
    const stats = await getJson<StatsBody>(`${station.url}/stats`);
    const health = await waitFor('lag 0', async () => {
      const { body } = await getJson<HealthBody>(`${station.url}/health`);

      return body.consumer.lag === 0 ? body : undefined;
    });

    expect(stats.body.cards).toEqual({
      byStatus: { active: 1, issued: 2, queued: 1, revoked: 1 },
      total: 5,
    });
    expect(stats.body.policies).toBe(1);
    expect(stats.body.transactions).toMatchObject({ accepted: 0, refused: 0, total: 0 });
    expect(health).toMatchObject({
      cache: { cards: 5, policies: 1 },
      consumer: { groupId: `${prefix}station-gateway-ST-CACHE-1`, lag: 0 },
      status: 'ok',
    });
  });

  it('routes need an attendant token', async () => {
    const station = stations[0]!;
    const cardPath = `${station.url}/cards/${makeCardNumber(2)}/status`;
    const withoutToken = await getJson<ErrorBody>(cardPath, null);
    const otherScope = await getJson<ErrorBody>(
      `${station.url}/transactions`,
      await testAuthorization({ audience: 'station-gateway', scopes: ['fuel:redeem'] }),
    );
    const otherAudience = await postJson<ErrorBody>(
      `${station.url}/transactions`,
      {},
      await testAuthorization({ audience: 'fuel-allocation', scopes: ['station:operate'] }),
    );
    const otherStation = await getJson<ErrorBody>(
      cardPath,
      await testAuthorization({
        audience: 'station-gateway',
        scopes: ['station:operate'],
        stationCode: 'ST-ELSEWHERE',
      }),
    );
    const health = await getJson<HealthBody>(`${station.url}/health`, null);

    expect(withoutToken.status).toBe(401);
    expect(withoutToken.body.error.code).toBe('TOKEN_MISSING');
    expect(otherScope.status).toBe(403);
    expect(otherScope.body.error.code).toBe('SCOPE_MISSING');
    expect(otherAudience.status).toBe(401);
    expect(otherAudience.body.error.code).toBe('TOKEN_CLAIM_INVALID');
    expect(otherStation.status).toBe(403);
    expect(otherStation.body.error.code).toBe('STATION_MISMATCH');
    expect(health.status).not.toBe(401);
  });

  it('validates the card number', async () => {
    const station = stations[0]!;
    const invalid = await getJson<ErrorBody>(`${station.url}/cards/12AB/status`);
    const missing = await getJson<ErrorBody>(`${station.url}/cards/${makeCardNumber(99)}/status`);

    expect(invalid.status).toBe(400);
    expect(invalid.body.error).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'cardNumber',
      value: '12AB',
    });
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatchObject({ code: 'CARD_NOT_CACHED', field: 'cardNumber' });
  });
});
