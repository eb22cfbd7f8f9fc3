import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Pool } from 'pg';
import request from 'supertest';

import { PersonRegistered } from '@bitaqa/contracts';
import { applyMigrations } from '@bitaqa/db';
import { createTestDatabase, type TestDatabase } from '@bitaqa/testing';

import { MIGRATIONS_DIR } from '../src/bootstrap';

import { IdentityScopes } from '../src/auth/scopes';

import { createAgency, type TestAgency } from './support/agency-setup';
import { freshNationalNumber, personData } from './support/civil-builders';
import { RegistryHarness } from './support/registry-harness';
import { agencyAuthorization } from './support/tokens';

describe('GET /identities/:nationalNumber/lookups', () => {
  const harness = new RegistryHarness('lookups');
  const person = personData({ givenNameAr: 'ليلى', sex: 'F' });
  const neighbour = personData();
  let bank: TestAgency;
  let welfare: TestAgency;

  function lookups(
    nationalNumber: string,
    query: object = {},
    auth = harness.operatorAuth,
  ): request.Test {
    return request(harness.httpServer)
      .get(`/identities/${nationalNumber}/lookups`)
      .query(query)
      .set('authorization', auth);
  }

  beforeAll(async () => {
    await harness.start();
    await harness.waitForHandled(
      await harness.publisher.publish(PersonRegistered, person),
      await harness.publisher.publish(PersonRegistered, neighbour),
    );
    bank = await createAgency(
      harness,
      { attributes: ['givenNameAr', 'birthDate'], purposes: ['account-opening'] },
      'Commercial Bank of Syria',
    );
    welfare = await createAgency(
      harness,
      {
        attributes: ['givenNameLatin', 'familyNameLatin'],
        purposes: ['social-benefit-eligibility'],
      },
      'Ministry of Social Affairs',
    );

    const server = harness.httpServer;

    await request(server).post('/verifications').set('authorization', bank.auth).send({
      givenNameAr: 'ليلى',
      nationalNumber: person.nationalNumber,
      purpose: 'account-opening',
      reference: 'ACC-1',
    });
    await request(server)
      .post('/releases')
      .set('authorization', welfare.auth)
      .send({
        attributes: ['givenNameLatin', 'familyNameLatin'],
        nationalNumber: person.nationalNumber,
        purpose: 'social-benefit-eligibility',
      });
    await request(server)
      .post('/releases')
      .set('authorization', welfare.auth)
      .send({
        attributes: ['motherNameAr'],
        nationalNumber: person.nationalNumber,
        purpose: 'social-benefit-eligibility',
      });
    await request(server).post('/verifications').set('authorization', bank.auth).send({
      givenNameAr: 'خالد',
      nationalNumber: neighbour.nationalNumber,
      purpose: 'account-opening',
    });
  });

  afterAll(() => harness.stop());

  it('lists lookups newest first', async () => {
    const response = await lookups(person.nationalNumber);

    expect(response.status).toBe(200);
    expect(response.body.nextBefore).toBeNull();
    expect(response.body.items).toMatchObject([
      {
        attributesReleased: [],
        attributesRequested: ['motherNameAr'],
        caller: { name: 'Ministry of Social Affairs', serviceId: welfare.serviceId },
        kind: 'release',
        outcome: 'denied',
        purpose: 'social-benefit-eligibility',
        reference: null,
      },
      {
        attributesReleased: ['givenNameLatin', 'familyNameLatin'],
        kind: 'release',
        outcome: 'released',
      },
      {
        attributesReleased: [],
        attributesRequested: ['givenNameAr'],
        caller: { name: 'Commercial Bank of Syria', serviceId: bank.serviceId },
        kind: 'verification',
        outcome: 'matched',
        purpose: 'account-opening',
        reference: 'ACC-1',
      },
    ]);
  });

  it('dates each lookup', async () => {
    const response = await lookups(person.nationalNumber);
    const times = response.body.items.map((item: { time: string }) => Date.parse(item.time));

    expect(times.every((time: number) => Math.abs(Date.now() - time) < 10 * 60_000)).toBe(true);
    expect([...times].sort((left, right) => right - left)).toEqual(times);
    expect(response.body.items[0].correlationId).toMatch(/^[\w.-]+$/);
  });

  it('pages with before', async () => {
    const first = await lookups(person.nationalNumber, { limit: 2 });
    const second = await lookups(person.nationalNumber, {
      before: first.body.nextBefore,
      limit: 2,
    });
    const all = await lookups(person.nationalNumber);

    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextBefore).toBe(first.body.items[1].id);
    expect(second.body.items).toHaveLength(1);
    expect(second.body.nextBefore).toBeNull();
    expect([...first.body.items, ...second.body.items]).toEqual(all.body.items);
  });

  it('keeps other persons apart', async () => {
    const response = await lookups(neighbour.nationalNumber);

    expect(response.body.items).toHaveLength(1);
    expect(response.body.items[0]).toMatchObject({ outcome: 'mismatched' });
  });

  it('returns empty list for unknown number', async () => {
    const response = await lookups(freshNationalNumber());

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ items: [], limit: 20, nextBefore: null });
  });

  it('rejects agency caller', async () => {
    const withoutScope = await lookups(person.nationalNumber, {}, bank.auth);
    const withScope = await lookups(
      person.nationalNumber,
      {},
      await agencyAuthorization(bank.serviceId, [IdentityScopes.operate]),
    );

    expect(withoutScope.status).toBe(403);
    expect(withoutScope.body.error.code).toBe('SCOPE_MISSING');
    expect(withScope.status).toBe(403);
    expect(withScope.body.error.code).toBe('CALLER_NOT_PERMITTED');
  });

  it.each([
    [{ limit: 0 }, 'limit'],
    [{ limit: 101 }, 'limit'],
    [{ before: 'abc' }, 'before'],
    [{ before: '0' }, 'before'],
    [{ after: '5' }, 'after'],
  ])('rejects %j at %s', async (query, field) => {
    const response = await lookups(person.nationalNumber, query);

    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field });
  });

  it('rejects malformed number', async () => {
    const response = await lookups('0100000000x');

    expect(response.status).toBe(400);
    expect(response.body.error.field).toBe('nationalNumber');
  });
});

describe('lookup log migration', () => {
  let database: TestDatabase;
  let pool: Pool;
  let initOnly: string;

  beforeAll(async () => {
    initOnly = mkdtempSync(join(tmpdir(), 'identity-init-'));
    cpSync(join(MIGRATIONS_DIR, '20261204120000_init'), join(initOnly, '20261204120000_init'), {
      recursive: true,
    });
    database = await createTestDatabase('identity_lookup_migration');
    await applyMigrations(database.url, initOnly);
    pool = new Pool({ connectionString: database.url, max: 1 });
  });

  afterAll(async () => {
    await pool.end();
    await database.drop();
    rmSync(initOnly, { force: true, recursive: true });
  });

  it('copies verification queries', async () => {
    const matched = freshNationalNumber();
    const unknown = freshNationalNumber();
    const mismatched = freshNationalNumber();

    await pool.query(
      `INSERT INTO verification_queries
         (claimed_fields, correlation_id, created_at, matched, mismatched_fields, national_number, purpose)
       VALUES
         ('{givenNameAr}', 'c-1', '2024-03-01T10:00:00Z', true, '{}', $1, 'bank account opening'),
         ('{givenNameAr}', NULL, '2024-03-02T10:00:00Z', false, '{nationalNumber}', $2, 'audit'),
         ('{birthDate,givenNameAr}', 'c-3', '2024-03-03T10:00:00Z', false, '{birthDate}', $3, 'audit')`,
      [matched, unknown, mismatched],
    );
    await applyMigrations(database.url, MIGRATIONS_DIR);

    const rows = await pool.query(
      `SELECT national_number, service_id, kind, purpose, attributes_requested,
              mismatched_attributes, outcome, correlation_id, created_at
       FROM identity_lookups ORDER BY id`,
    );
    const legacyTable = await pool.query("SELECT to_regclass('verification_queries') AS name");

    expect(rows.rows).toEqual([
      {
        attributes_requested: ['givenNameAr'],
        correlation_id: 'c-1',
        created_at: new Date('2024-03-01T10:00:00Z'),
        kind: 'verification',
        mismatched_attributes: [],
        national_number: matched,
        outcome: 'matched',
        purpose: 'bank account opening',
        service_id: null,
      },
      expect.objectContaining({ national_number: unknown, outcome: 'not_found' }),
      expect.objectContaining({
        mismatched_attributes: ['birthDate'],
        national_number: mismatched,
        outcome: 'mismatched',
      }),
    ]);
    expect(legacyTable.rows[0].name).toBeNull();
  });
});
