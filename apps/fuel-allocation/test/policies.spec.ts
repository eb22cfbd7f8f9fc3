import { FamilyUpdated } from '@bitaqa/contracts';
import { createLogger } from '@bitaqa/observability';
import { serviceAddresses, waitFor } from '@bitaqa/testing';

import { bootstrap } from '../src/bootstrap';

import { familySnapshot } from './support/builders';
import { startFuelService, type FuelTestService } from './support/fuel-service';
import { getJson } from './support/http';
import { readUntil } from './support/topic-reader';

describe('policy publishing', () => {
  let fuel: FuelTestService;

  beforeAll(async () => {
    fuel = await startFuelService('policies');
  }, 120_000);

  afterAll(async () => {
    await fuel?.close();
  });

  async function publishedPolicyRows(): Promise<{ message_key: string }[]> {
    const result = await fuel.sql.query<{ message_key: string }>(
      `SELECT message_key FROM outbox_events
       WHERE event_type = 'sy.gov.fuel.policy-published.v1' ORDER BY message_key`,
    );

    return result.rows;
  }

  it('each active policy once at start', async () => {
    expect(await publishedPolicyRows()).toEqual([
      { message_key: 'diesel-heating' },
      { message_key: 'gas-cylinder' },
      { message_key: 'gasoline-90' },
    ]);

    const messages = await readUntil(`${fuel.prefix}fuel.policies`, (read) => read.length >= 3);

    expect(messages.map((message) => message.headers.ce_type)).toEqual([
      'sy.gov.fuel.policy-published.v1',
      'sy.gov.fuel.policy-published.v1',
      'sy.gov.fuel.policy-published.v1',
    ]);
  });

  it('restart publishes nothing again', async () => {
    const second = await bootstrap(
      {
        databasePoolSize: 4,
        databaseUrl: fuel.database.url,
        kafkaBrokers: serviceAddresses().kafkaBrokers,
        kafkaTopicPrefix: fuel.prefix,
        logLevel: 'warn',
        migrateOnStart: true,
        port: 0,
        timeZone: 'Asia/Damascus',
        transactionTimeoutMs: 30_000,
      },
      { clock: fuel.clock, logger: createLogger('fuel-allocation', 'warn') },
    );

    try {
      const health = await fetch(`${second.url}/health`);

      expect(health.status).toBe(200);
    } finally {
      await second.close();
    }

    expect(await publishedPolicyRows()).toHaveLength(3);
  });

  it('new policy version published and applied', async () => {
    const family = familySnapshot(1);

    await fuel.events.publish(FamilyUpdated, family);
    await waitFor('family known', async () => {
      const result = await getJson(`${fuel.url}/families/${family.familyId}/entitlements`);

      return result.status === 200 ? true : undefined;
    });
    await fuel.sql.query(
      `INSERT INTO policies (product_code, version, beneficiary, effective_from, period_days,
                             period_quantity, source)
       VALUES ('gas-cylinder', 2, 'family', '2026-11-01', 45, 1, 'test: interval of 45 days')`,
    );

    const restarted = await bootstrap(
      {
        databasePoolSize: 4,
        databaseUrl: fuel.database.url,
        kafkaBrokers: serviceAddresses().kafkaBrokers,
        kafkaTopicPrefix: fuel.prefix,
        logLevel: 'warn',
        migrateOnStart: false,
        port: 0,
        timeZone: 'Asia/Damascus',
        transactionTimeoutMs: 30_000,
      },
      { clock: fuel.clock, logger: createLogger('fuel-allocation', 'warn') },
    );

    const gasAfter = await getJson<{ entitlements: { periodEnd: string; productCode: string }[] }>(
      `${restarted.url}/families/${family.familyId}/entitlements`,
    ).finally(() => restarted.close());

    expect(
      gasAfter.body.entitlements.find((entitlement) => entitlement.productCode === 'gas-cylinder'),
    ).toMatchObject({ periodEnd: '2026-12-15', periodStart: '2026-11-01' });

    const messages = await readUntil(`${fuel.prefix}fuel.policies`, (read) => read.length >= 4);
    const gas = messages.filter((message) => message.key === 'gas-cylinder').at(-1);

    expect(gas?.value).toMatchObject({ periodDays: 45, policyVersion: 2 });
  });
});
