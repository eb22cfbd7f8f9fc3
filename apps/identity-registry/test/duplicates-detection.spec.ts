import request from 'supertest';

import { PersonRegistered } from '@bitaqa/contracts';

import { personData } from './support/civil-builders';
import { DuplicatesDriver, household, shiftDate } from './support/duplicates-fixtures';
import { RegistryHarness } from './support/registry-harness';

describe('duplicate detection', () => {
  const harness = new RegistryHarness('dup_detection');
  const driver = new DuplicatesDriver(harness);

  beforeAll(() => harness.start());

  afterAll(() => harness.stop());

  it('queues a respelled registration', async () => {
    const family = household();
    const first = await driver.register({ ...family, givenNameAr: 'أحمد', reason: 'import' });
    const second = await driver.register({
      ...family,
      birthDate: shiftDate(family.birthDate, 1),
      familyNameAr: 'حلبي',
      givenNameAr: 'احمد',
      grandfatherNameAr: null,
      reason: 'import',
    });
    const cases = await driver.casesOf(first.nationalNumber, second.nationalNumber);
    const pair = [first.nationalNumber, second.nationalNumber].sort();

    expect(cases).toHaveLength(1);
    expect(cases[0]).toMatchObject({
      detected_by_event_id: second.eventId,
      first_national_number: pair[0],
      second_national_number: pair[1],
      status: 'open',
    });
    expect(cases[0]?.score).toBeGreaterThanOrEqual(0.85);
    expect(cases[0]?.reasons).toContain(`mother: same name ${family.motherNameAr}`);
    expect(cases[0]?.reasons).toContain('name grandfather: missing, blank on one side');
  });

  it('shows a case side by side', async () => {
    const family = household();
    const first = await driver.register({ ...family, givenNameAr: 'يوسف' });
    const second = await driver.register({ ...family, givenNameAr: 'يسوف' });
    const found = await driver.caseOf(first.nationalNumber, second.nationalNumber);
    const response = await driver.get(`/duplicates/${found.id}`);

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      decision: null,
      id: found.id,
      nationalNumbers: [found.first_national_number, found.second_national_number],
      status: 'open',
    });
    expect(
      response.body.identities.map(
        (identity: { nationalNumber: string }) => identity.nationalNumber,
      ),
    ).toEqual([found.first_national_number, found.second_national_number]);
    expect(response.body.identities[0]).toMatchObject({ mergedInto: null, status: 'active' });
    expect(response.body.nameParts[0]).toMatchObject({ part: 'given', verdict: 'variant' });
    expect(response.body.reasons).toContain(
      'name given: variant (0.85), spelling variant: سو swapped',
    );
  });

  it('lists open cases oldest first', async () => {
    const family = household();
    const first = await driver.register(family);
    const second = await driver.register(family);
    const found = await driver.caseOf(first.nationalNumber, second.nationalNumber);
    const response = await driver.get('/duplicates?status=open&limit=100');
    const ids = response.body.items.map((item: { id: string }) => item.id);

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ limit: 100, offset: 0 });
    expect(ids).toContain(found.id);
    expect(response.body.items.every((item: { status: string }) => item.status === 'open')).toBe(
      true,
    );

    const createdAt = response.body.items.map((item: { createdAt: string }) => item.createdAt);

    expect(createdAt).toEqual([...createdAt].sort());
  });

  it('pages through the queue', async () => {
    const family = household();

    await driver.register(family);
    await driver.register(family);
    await driver.register(family);

    const firstPage = await driver.get('/duplicates?limit=1&offset=0');
    const secondPage = await driver.get('/duplicates?limit=1&offset=1');

    expect(firstPage.body.items).toHaveLength(1);
    expect(firstPage.body.nextOffset).toBe(1);
    expect(secondPage.body.items[0].id).not.toBe(firstPage.body.items[0].id);
  });

  it('leaves twins alone', async () => {
    const family = household();
    const people = [
      await driver.register({ ...family, givenNameAr: 'محمد' }),
      await driver.register({ ...family, givenNameAr: 'محمود' }),
      await driver.register({ ...family, givenNameAr: 'حسن' }),
      await driver.register({ ...family, givenNameAr: 'حسين' }),
    ];

    expect(await driver.casesOf(...people.map((person) => person.nationalNumber))).toEqual([]);
  });

  it('matches on the mother number', async () => {
    const mother = personData().nationalNumber;
    const family = household();
    const first = await driver.register({ ...family, motherNationalNumber: mother });
    const second = await driver.register({
      ...family,
      motherNameAr: `${family.motherNameAr} الزهراء`,
      motherNationalNumber: mother,
    });
    const found = await driver.caseOf(first.nationalNumber, second.nationalNumber);

    expect(found.reasons[0]).toBe(`mother: same national number ${mother}`);
  });

  it('ignores a different mother number', async () => {
    const family = household();
    const first = await driver.register({
      ...family,
      motherNationalNumber: personData().nationalNumber,
    });
    const second = await driver.register({
      ...family,
      motherNationalNumber: personData().nationalNumber,
    });

    expect(await driver.casesOf(first.nationalNumber, second.nationalNumber)).toEqual([]);
  });

  it('ignores births three days apart', async () => {
    const family = household();
    const first = await driver.register(family);
    const second = await driver.register({
      ...family,
      birthDate: shiftDate(family.birthDate, 3),
    });

    expect(await driver.casesOf(first.nationalNumber, second.nationalNumber)).toEqual([]);
  });

  it('creates one case for replays', async () => {
    const family = household();
    const first = await driver.register(family);
    const secondData = personData(family);
    const second = await harness.publisher.publish(PersonRegistered, secondData);

    await harness.waitForHandled(second);

    const replay = await harness.publisher.publish(PersonRegistered, secondData, {
      id: second.id,
    });
    const repeat = await harness.publisher.publish(PersonRegistered, secondData);
    const marker = await driver.register(household());

    await harness.waitForHandled(repeat);

    const cases = await driver.casesOf(first.nationalNumber, secondData.nationalNumber);

    expect(replay.id).toBe(second.id);
    expect(marker.nationalNumber).not.toBe(secondData.nationalNumber);
    expect(cases).toHaveLength(1);
    expect(cases[0]?.detected_by_event_id).toBe(second.id);
  });

  it('rescores an open case on correction', async () => {
    const family = household();
    const first = await driver.register(family);
    const second = await driver.register({ ...family, familyNameAr: 'الحبلي' });
    const before = await driver.caseOf(first.nationalNumber, second.nationalNumber);
    const corrected = await driver.register({
      ...family,
      nationalNumber: second.nationalNumber,
    });
    const cases = await driver.casesOf(first.nationalNumber, second.nationalNumber);

    expect(cases).toHaveLength(1);
    expect(cases[0]?.id).toBe(before.id);
    expect(cases[0]?.detected_by_event_id).toBe(corrected.eventId);
    expect(cases[0]?.score).toBeGreaterThan(before.score);
  });

  it('serializes registrations published together', async () => {
    const pairs = Array.from({ length: 6 }, () => {
      const family = household();

      return [personData(family), personData(family)] as const;
    });
    const events = await Promise.all(
      pairs.flat().map((data) => harness.publisher.publish(PersonRegistered, data)),
    );

    await harness.waitForHandled(...events);

    for (const [first, second] of pairs) {
      expect(await driver.casesOf(first.nationalNumber, second.nationalNumber)).toHaveLength(1);
    }
  });

  it('rejects callers without token', async () => {
    const response = await request(harness.httpServer).get('/duplicates');

    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe('TOKEN_MISSING');
  });

  it.each([
    ['/duplicates?status=closed', 'status'],
    ['/duplicates?limit=0', 'limit'],
    ['/duplicates?limit=101', 'limit'],
    ['/duplicates?offset=-1', 'offset'],
    ['/duplicates?sort=score', 'sort'],
    ['/duplicates/not-a-uuid', 'id'],
  ])('rejects %s', async (path, field) => {
    const response = await driver.get(path);

    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field });
  });

  it('answers 404 for an unknown case', async () => {
    const response = await driver.get('/duplicates/6f1c2a0e-1d2b-4c3d-8e9f-0a1b2c3d4e5f');

    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('DUPLICATE_CASE_NOT_FOUND');
  });
});
