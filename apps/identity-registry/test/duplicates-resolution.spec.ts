import { randomUUID } from 'node:crypto';

import { IdentityDuplicateResolved, IdentityUpdated, PersonDied, Topics } from '@bitaqa/contracts';
import { headerText } from '@bitaqa/messaging';
import { waitFor } from '@bitaqa/testing';

import { DuplicatesDriver, household } from './support/duplicates-fixtures';
import { RegistryHarness } from './support/registry-harness';
import { TopicCollector } from './support/topic-collector';

const DECISION = { operatorId: 'operator-7', reason: 'checked both paper records' };

describe('duplicate resolution', () => {
  const harness = new RegistryHarness('dup_resolution');
  const driver = new DuplicatesDriver(harness);
  let published: TopicCollector;

  beforeAll(async () => {
    await harness.start();
    published = new TopicCollector([`${harness.topicPrefix}${Topics.identityIdentities}`]);
    await published.start();
  });

  afterAll(async () => {
    await published?.stop();
    await harness.stop();
  });

  /** Registers two spellings of one person and returns them with their case. */
  async function duplicatePair() {
    const family = household();
    const first = await driver.register({ ...family, givenNameAr: 'أحمد' });
    const second = await driver.register({ ...family, givenNameAr: 'احمد' });
    const found = await driver.caseOf(first.nationalNumber, second.nationalNumber);

    return { first, found, second };
  }

  async function publishedEvent(type: string, key: string): Promise<Record<string, unknown>> {
    const message = await waitFor(`${type} keyed ${key}`, () =>
      published.messages.find(
        (candidate) =>
          headerText(candidate.headers, 'ce_type') === type && candidate.key?.toString() === key,
      ),
    );

    return JSON.parse(message.value?.toString() ?? '{}') as Record<string, unknown>;
  }

  async function identity(nationalNumber: string): Promise<Record<string, unknown>> {
    const response = await harness.readIdentity(nationalNumber);

    expect(response.status).toBe(200);

    return response.body as Record<string, unknown>;
  }

  it('merges and publishes both events', async () => {
    const { first, found, second } = await duplicatePair();

    await identity(second.nationalNumber);

    const response = await driver.resolve(found.id, {
      ...DECISION,
      decision: 'merge',
      survivorNationalNumber: first.nationalNumber,
    });

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      decision: {
        decision: 'merge',
        mergedNationalNumber: second.nationalNumber,
        operatorId: 'operator-7',
        reason: 'checked both paper records',
        survivorNationalNumber: first.nationalNumber,
      },
      status: 'merged',
      survivorNationalNumber: first.nationalNumber,
    });
    expect(await identity(second.nationalNumber)).toMatchObject({
      mergedInto: first.nationalNumber,
      status: 'merged',
      version: 2,
    });
    expect(await identity(first.nationalNumber)).toMatchObject({
      mergedInto: null,
      status: 'active',
      version: 1,
    });
    expect(
      await publishedEvent(IdentityDuplicateResolved.type, second.nationalNumber),
    ).toMatchObject({
      caseId: found.id,
      decision: 'merge',
      mergedNationalNumber: second.nationalNumber,
      nationalNumbers: [found.first_national_number, found.second_national_number],
      operatorId: 'operator-7',
      survivorNationalNumber: first.nationalNumber,
    });

    const updates = await harness.identityUpdates(second.nationalNumber);

    expect(updates.at(-1)).toMatchObject({
      mergedInto: first.nationalNumber,
      status: 'merged',
      version: 2,
    });
    await waitFor('merged IdentityUpdated on Kafka', () =>
      published.messages.find((message) => {
        const data = JSON.parse(message.value?.toString() ?? '{}') as { status?: string };

        return headerText(message.headers, 'ce_type') === IdentityUpdated.type &&
          message.key?.toString() === second.nationalNumber &&
          data.status === 'merged'
          ? message
          : undefined;
      }),
    );
  });

  it('audits the decision append-only', async () => {
    const { found } = await duplicatePair();

    await driver.resolve(found.id, { ...DECISION, decision: 'keep-apart' }).expect(200);

    const [row] = await harness.query<Record<string, unknown>>(
      'SELECT * FROM duplicate_decisions WHERE case_id = $1',
      [found.id],
    );

    expect(row).toMatchObject({
      decision: 'keep-apart',
      merged_national_number: null,
      operator_id: 'operator-7',
      reason: 'checked both paper records',
      survivor_national_number: null,
    });
    expect(row?.decided_at).toBeInstanceOf(Date);
    await expect(
      harness.query("UPDATE duplicate_decisions SET reason = 'changed' WHERE case_id = $1", [
        found.id,
      ]),
    ).rejects.toThrow(/append-only/);
    await expect(
      harness.query('DELETE FROM duplicate_decisions WHERE case_id = $1', [found.id]),
    ).rejects.toThrow(/append-only/);
  });

  it('never re-flags a kept-apart pair', async () => {
    const { first, found, second } = await duplicatePair();
    const response = await driver.resolve(found.id, { ...DECISION, decision: 'keep-apart' });

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: 'kept-apart', survivorNationalNumber: null });
    expect(
      await publishedEvent(IdentityDuplicateResolved.type, found.first_national_number),
    ).toMatchObject({
      decision: 'keep-apart',
      mergedNationalNumber: null,
      survivorNationalNumber: null,
    });

    const { eventId: _secondEvent, ...secondData } = second;
    const corrected = await driver.register({ ...secondData, birthPlace: 'SY0102' });
    const third = await driver.register({
      birthDate: first.birthDate,
      givenNameAr: first.givenNameAr,
      motherNameAr: first.motherNameAr,
    });
    const cases = await driver.casesOf(first.nationalNumber, second.nationalNumber);

    expect(corrected.nationalNumber).toBe(second.nationalNumber);
    expect(cases.filter((row) => row.id === found.id)).toMatchObject([
      { detected_by_event_id: found.detected_by_event_id, status: 'kept-apart' },
    ]);
    expect(await driver.casesOf(third.nationalNumber)).toHaveLength(2);
  });

  it('rejects resolving twice', async () => {
    const { found } = await duplicatePair();

    await driver.resolve(found.id, { ...DECISION, decision: 'keep-apart' }).expect(200);

    const again = await driver.resolve(found.id, { ...DECISION, decision: 'merge' });

    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({
      code: 'DUPLICATE_CASE_ALREADY_RESOLVED',
      field: 'id',
      value: found.id,
    });
  });

  it('keeps the earlier registration by default', async () => {
    const { first, found, second } = await duplicatePair();
    const response = await driver.resolve(found.id, { ...DECISION, decision: 'merge' });

    expect(response.status).toBe(200);
    expect(response.body.survivorNationalNumber).toBe(first.nationalNumber);
    expect(await identity(second.nationalNumber)).toMatchObject({
      mergedInto: first.nationalNumber,
    });
  });

  it('repoints earlier merges', async () => {
    const family = household();
    const a = await driver.register(family);
    const b = await driver.register(family);
    const c = await driver.register(family);
    const bc = await driver.caseOf(b.nationalNumber, c.nationalNumber);
    const ab = await driver.caseOf(a.nationalNumber, b.nationalNumber);
    const ac = await driver.caseOf(a.nationalNumber, c.nationalNumber);

    await driver
      .resolve(bc.id, { ...DECISION, decision: 'merge', survivorNationalNumber: b.nationalNumber })
      .expect(200);
    await driver
      .resolve(ab.id, { ...DECISION, decision: 'merge', survivorNationalNumber: a.nationalNumber })
      .expect(200);

    expect(await identity(c.nationalNumber)).toMatchObject({
      mergedInto: a.nationalNumber,
      status: 'merged',
    });
    expect(await identity(b.nationalNumber)).toMatchObject({ mergedInto: a.nationalNumber });

    const merge = await driver.resolve(ac.id, { ...DECISION, decision: 'merge' });

    expect(merge.status).toBe(409);
    expect(merge.body.error).toMatchObject({
      code: 'IDENTITY_ALREADY_MERGED',
      value: c.nationalNumber,
    });
    await driver.resolve(ac.id, { ...DECISION, decision: 'keep-apart' }).expect(200);
  });

  it('keeps merged status on re-registration', async () => {
    const { first, found, second } = await duplicatePair();

    await driver.resolve(found.id, { ...DECISION, decision: 'merge' }).expect(200);
    const { eventId: _secondEvent, ...secondData } = second;

    await driver.register({ ...secondData, birthPlace: 'SY0102' });

    expect(await identity(second.nationalNumber)).toMatchObject({
      birthPlace: 'SY0102',
      mergedInto: first.nationalNumber,
      status: 'merged',
    });
  });

  it('records a merged death on the survivor', async () => {
    const { first, found, second } = await duplicatePair();

    await driver.resolve(found.id, { ...DECISION, decision: 'merge' }).expect(200);

    const died = await harness.publisher.publish(PersonDied, {
      dateOfDeath: '2024-02-29',
      nationalNumber: second.nationalNumber,
    });

    await harness.waitForHandled(died);

    expect(await identity(second.nationalNumber)).toMatchObject({
      dateOfDeath: '2024-02-29',
      status: 'merged',
    });
    expect(await identity(first.nationalNumber)).toMatchObject({
      dateOfDeath: '2024-02-29',
      status: 'deceased',
    });
  });

  it('rejects a survivor outside the pair', async () => {
    const { found } = await duplicatePair();
    const outsider = (await driver.register(household())).nationalNumber;
    const response = await driver.resolve(found.id, {
      ...DECISION,
      decision: 'merge',
      survivorNationalNumber: outsider,
    });

    expect(response.status).toBe(422);
    expect(response.body.error).toMatchObject({
      code: 'SURVIVOR_NOT_IN_CASE',
      field: 'survivorNationalNumber',
      value: outsider,
    });

    const [row] = await harness.query<{ status: string }>(
      'SELECT status FROM duplicate_cases WHERE id = $1',
      [found.id],
    );

    expect(row?.status).toBe('open');
  });

  it('answers 404 for an unknown case', async () => {
    const response = await driver.resolve(randomUUID(), { ...DECISION, decision: 'keep-apart' });

    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('DUPLICATE_CASE_NOT_FOUND');
  });

  it.each([
    ['an unknown decision', { ...DECISION, decision: 'split' }, 'decision'],
    ['a missing operator', { decision: 'merge', reason: 'same person' }, 'operatorId'],
    ['a blank operator', { ...DECISION, decision: 'merge', operatorId: ' ' }, 'operatorId'],
    ['a short reason', { ...DECISION, decision: 'merge', reason: 'ok' }, 'reason'],
    [
      'a survivor on keep-apart',
      { ...DECISION, decision: 'keep-apart', survivorNationalNumber: '01000000011' },
      'survivorNationalNumber',
    ],
    [
      'a bad check digit',
      { ...DECISION, decision: 'merge', survivorNationalNumber: '01000000012' },
      'survivorNationalNumber',
    ],
    ['an unknown key', { ...DECISION, decision: 'merge', force: true }, 'force'],
  ])('rejects %s', async (_case, body, field) => {
    const { found } = await duplicatePair();
    const response = await driver.resolve(found.id, body);

    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field });
  });

  it('rejects a malformed case id', async () => {
    const response = await driver.resolve('12', { ...DECISION, decision: 'merge' });

    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'id' });
  });
});
