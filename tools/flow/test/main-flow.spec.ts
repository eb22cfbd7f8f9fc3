import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { dropDatabase, withDatabaseName } from '@bitaqa/db';
import { revokeKafkaAccess } from '@bitaqa/messaging';
import {
  createPrefixedTopics,
  deletePrefixedTopics,
  serviceAddresses,
  testKafka,
  uniqueTopicPrefix,
} from '@bitaqa/testing';

import { APP_NAMES, APPS, type AppName } from '../src/app-catalogue';
import { runFlow, type FlowResult } from '../src/run-flow';

// Ports of their own, so the test can run while a demo uses the apps' usual ports.
const TEST_PORT_OFFSET = 1100;
const FAMILIES = 60;

describe('main flow, civil records to station', () => {
  const services = serviceAddresses();
  const prefix = uniqueTopicPrefix('flow');
  const runId = prefix.split('-').pop()?.replace('.', '') ?? 'run';
  const databaseName = (app: AppName): string => `test_flow_${runId}_${app.replace(/-/g, '_')}`;
  const workDir = mkdtempSync(join(tmpdir(), 'bitaqa-flow-'));
  const clientsFile = join(workDir, 'bootstrap-clients.json');
  // The agency's client id is its Kafka principal, so each run onboards its own service.
  const agencyServiceId = `flow-bank-${runId}`.toLowerCase();
  let result: FlowResult;

  beforeAll(async () => {
    await createPrefixedTopics(prefix);
    result = await runFlow({
      agencyServiceId,
      deathsAfterIssue: 2,
      documentsDir: join(workDir, 'documents'),
      families: FAMILIES,
      onProgress: (line) => process.stderr.write(`flow: ${line}\n`),
      platform: {
        clientsFile,
        databaseName,
        kafkaBrokers: services.kafkaBrokers,
        // Kept after the run so a failure can be read in the apps' own logs.
        logDir: resolve(__dirname, '../../../.bitaqa/test-flow-logs'),
        port: (app) => APPS[app].port + TEST_PORT_OFFSET,
        postgresUrl: services.postgresUrl,
        redisUrl: services.redisUrl,
        repoRoot: resolve(__dirname, '../../..'),
        stationDir: join(workDir, 'station'),
        stationId: 'ST-SY01-001',
        topicPrefix: prefix,
        vpcdPort: services.vpcdPort,
      },
      populationDir: join(workDir, 'population'),
      sales: 5,
      seed: 7,
      vpcdHost: services.vpcdHost,
    });
  }, 15 * 60_000);

  afterAll(async () => {
    const admin = testKafka().admin();

    await admin.connect();
    await revokeKafkaAccess(admin, agencyServiceId).catch(() => undefined);
    await admin
      .deleteTopics({ topics: [`${prefix}${agencyServiceId.replace(/[^a-z0-9]/g, '')}.accounts`] })
      .catch(() => undefined);
    await admin.disconnect();
    for (const app of APP_NAMES) {
      if (APPS[app].database)
        await dropDatabase(withDatabaseName(services.postgresUrl, databaseName(app)));
    }
    await deletePrefixedTopics(prefix);
    rmSync(workDir, { force: true, recursive: true });
  });

  it('a: civil records forms families', () => {
    expect(result.feed.persons.rejected).toBe(0);
    expect(result.feed.marriages.created).toBeGreaterThanOrEqual(FAMILIES);
    expect(result.after.civil.families).toBeGreaterThanOrEqual(FAMILIES);
  });

  it('b: every person has an identity', () => {
    expect(result.after.identity.identities).toBe(result.after.civil.persons);
    expect(result.after.identity.deceased).toBe(result.after.civil.deaths);
  });

  it('c, d: every living head got a card written through PC/SC', () => {
    const byStatus = result.issued.authority.byStatus;

    expect(result.issued.authority.personalizationFailed).toBe(0);
    expect(result.issued.authority.total).toBeGreaterThan(0);
    expect((byStatus.issued ?? 0) + (byStatus.revoked ?? 0)).toBe(result.issued.authority.total);
    expect(result.sampleCard).toMatchObject({ lifecycle: 'personalized' });
    // TD1 line 1: document code I plus one letter, then the issuing state.
    expect((result.sampleCard?.mrz as string[])[0]).toMatch(/^I[A-Z<]SYR/);
  });

  it('e: every family has quotas', () => {
    const products = new Map(
      result.after.fuel.products.map((product) => [product.productCode, product.granted]),
    );

    expect(result.after.fuel.families).toBe(result.after.civil.families);
    expect(products.get('gas-cylinder')).toBeGreaterThan(0);
    expect(products.get('diesel-heating')).toBeGreaterThan(0);
  });

  it('f: sales debit once, also when retried or raced', () => {
    const retried = result.sales.retried;

    expect(result.sales.refused).toEqual([]);
    expect(result.sales.accepted).toHaveLength(5);
    expect(result.sales.accepted.every((sale) => sale.body.balanceAfter === 0)).toBe(true);
    expect(retried?.replay.body.replayed).toBe(true);
    expect(retried?.replay.body.redemptionId).toBe(retried?.first.body.redemptionId);
    expect(result.race.filter((status) => status === 200 || status === 201)).toHaveLength(1);
    expect(result.race.filter((status) => status === 422)).toHaveLength(1);
    expect(result.after.fuel.redemptions).toBe(result.sales.accepted.length + 1);
  });

  it('g: a holder death changes quotas and the station refuses the card', () => {
    expect(result.deaths).toHaveLength(2);
    expect(result.refusedAfterDeath.map((outcome) => outcome.status)).toEqual([422, 422]);
    expect(
      result.refusedAfterDeath.map((outcome) => (outcome.body.error as { code: string }).code),
    ).toEqual(['CARD_REFUSED', 'CARD_REFUSED']);
    for (const change of result.entitlementChanges) {
      expect(change.livingAfter).toBe(change.livingBefore - 1);
      expect(change.heatingDieselAfter).toBeLessThan(change.heatingDieselBefore);
    }
  });

  it('h: divorce and correction reach books and registry', () => {
    const step = result.registry;

    expect(step).toBeDefined();
    if (!step) return;

    const { civil, identity } = step;

    expect(civil.divorce.status).toBe('final');
    expect(civil.divorce.familyIds).toContain(civil.couple.familyId);
    expect(civil.now.members).toBe(civil.before.members - 1);
    expect(civil.correction.changedFields).toEqual(['givenNameAr']);
    expect(civil.person.givenNameAr).not.toBe(civil.correction.from);
    for (const document of [civil.extract, civil.familySheet]) {
      expect(readFileSync(document.path).subarray(0, 5).toString()).toBe('%PDF-');
      expect(document.pages).toBeGreaterThanOrEqual(1);
      expect(document.serial).toMatch(/^EX-\d{10}$/);
    }
    expect(identity.searchFoundPerson).toBe(true);
    expect(identity.verification.current).toBe(true);
    expect(identity.verification.former).toEqual({ match: false, mismatched: ['givenNameAr'] });
    expect(Object.keys(identity.released).sort()).toEqual([
      'birthDate',
      'familyNameLatin',
      'givenNameLatin',
    ]);
    expect(identity.lookups.filter((lookup) => lookup.serviceId === agencyServiceId)).toHaveLength(
      3,
    );
    expect(identity.bound.mobileNumber).toMatch(/^\+9639\d{8}$/);
    expect(identity.notice).toMatchObject({ delivered: true, status: 'sent' });
  });

  it('i: apps use tokens from the authority', () => {
    expect(statSync(clientsFile).mode & 0o777).toBe(0o600);
    expect(result.auth.bootstrapClients).toEqual(
      expect.arrayContaining([
        'fuel-allocation (app)',
        'reader-gateway (app)',
        'station-st-sy01-001 (station)',
        'station-st-sy01-002 (station)',
      ]),
    );
    expect(result.auth.tokensFetchedByFlow).toBeGreaterThan(0);
    // The apps' own tokens come on top of the flow's: fuel, the stations and the reader gateway.
    expect(result.auth.tokensIssued).toBeGreaterThan(result.auth.tokensFetchedByFlow);
  });

  it('j: onboarded service works until suspended', () => {
    const agency = result.registry?.agency;

    expect(agency?.serviceId).toBe(agencyServiceId);
    expect(agency?.clientId).toBe(agencyServiceId);
    expect(agency?.steps.length).toBeGreaterThan(0);
    expect(agency?.steps.every((step) => step.endsWith(' done') || step.endsWith(' skipped'))).toBe(
      true,
    );
    expect(agency?.tokensFetched).toBeGreaterThan(0);
    expect(agency?.suspension.catalogStatus).toEqual({ after: 'suspended', before: 'active' });
    expect(agency?.suspension.heldToken).toEqual({ code: 'AGENCY_SUSPENDED', status: 403 });
    expect(agency?.suspension.newToken).toEqual({ code: 'CLIENT_SUSPENDED', status: 401 });
  });
});
