import { randomUUID } from 'node:crypto';

import { IdentityUpdated, PersonDied, PersonRegistered, Topics } from '@bitaqa/contracts';
import { headerText } from '@bitaqa/messaging';
import { readTopic, waitFor } from '@bitaqa/testing';

import { personData } from './support/civil-builders';
import { RegistryHarness } from './support/registry-harness';

describe('person registration and death', () => {
  const harness = new RegistryHarness('registration');

  beforeAll(() => harness.start());

  afterAll(() => harness.stop());

  async function fetchIdentity(nationalNumber: string): Promise<Record<string, unknown>> {
    return waitFor(`identity ${nationalNumber}`, async () => {
      const response = await harness.readIdentity(nationalNumber);

      return response.status === 200 ? (response.body as Record<string, unknown>) : undefined;
    });
  }

  it('creates identity with Latin names', async () => {
    const data = personData({ familyNameAr: 'الحلبي', givenNameAr: 'محمّد' });

    await harness.publisher.publish(PersonRegistered, data);

    const identity = await fetchIdentity(data.nationalNumber);

    expect(identity).toMatchObject({
      birthDate: data.birthDate,
      familyId: null,
      familyNameAr: 'الحلبي',
      familyNameLatin: 'ALHALABI',
      familyRole: null,
      givenNameAr: 'محمّد',
      givenNameLatin: 'MOHAMMAD',
      governorate: 'SY01',
      grandfatherNameAr: 'عبد الله',
      status: 'active',
      version: 1,
    });

    const [row] = await harness.query<Record<string, string>>(
      'SELECT given_name_normalized, full_name_normalized FROM identities WHERE national_number = $1',
      [data.nationalNumber],
    );

    expect(row?.given_name_normalized).toBe('محمد');
    expect(row?.full_name_normalized).toBe('محمد خالد عبدالله الحلبي');
  });

  it('publishes IdentityUpdated on prefixed topic', async () => {
    const data = personData({ givenNameAr: 'فاطمة', sex: 'F' });

    await harness.publisher.publish(PersonRegistered, data);
    await fetchIdentity(data.nationalNumber);

    const messages = await readTopic(`${harness.topicPrefix}${Topics.identityIdentities}`, 2);
    const published = messages.find((message) => message.key?.toString() === data.nationalNumber);

    expect(published).toBeDefined();
    expect(headerText(published?.headers, 'ce_type')).toBe(IdentityUpdated.type);
    expect(headerText(published?.headers, 'ce_source')).toBe('/identity-registry');
    expect(JSON.parse(published?.value?.toString() ?? '{}')).toMatchObject({
      givenNameLatin: 'FATIMA',
      nationalNumber: data.nationalNumber,
      status: 'active',
      version: 1,
    });
  });

  it('ignores replayed and repeated registrations', async () => {
    const data = personData();
    const first = await harness.publisher.publish(PersonRegistered, data);

    await harness.waitForHandled(first);

    const replay = await harness.publisher.publish(PersonRegistered, data, { id: first.id });
    const repeat = await harness.publisher.publish(PersonRegistered, data);
    const marker = await harness.publisher.publish(PersonRegistered, personData());

    await harness.waitForHandled(repeat, marker);

    expect(replay.id).toBe(first.id);
    expect(await harness.identityUpdates(data.nationalNumber)).toHaveLength(1);
  });

  it('applies a corrected registration', async () => {
    const data = personData({ givenNameAr: 'احمد' });
    const first = await harness.publisher.publish(PersonRegistered, data);

    await harness.waitForHandled(first);

    const correction = await harness.publisher.publish(PersonRegistered, {
      ...data,
      givenNameAr: 'أحمد',
      motherNameAr: 'آمنة',
    });

    await harness.waitForHandled(correction);

    const updates = await harness.identityUpdates(data.nationalNumber);

    expect(updates).toHaveLength(2);
    expect(updates[1]).toMatchObject({ givenNameAr: 'أحمد', motherNameAr: 'آمنة', version: 2 });
  });

  it('marks the person deceased', async () => {
    const data = personData();
    const registered = await harness.publisher.publish(PersonRegistered, data);

    await harness.waitForHandled(registered);

    const died = await harness.publisher.publish(PersonDied, {
      dateOfDeath: '2024-02-29',
      nationalNumber: data.nationalNumber,
    });
    const repeated = await harness.publisher.publish(PersonDied, {
      dateOfDeath: '2024-02-29',
      nationalNumber: data.nationalNumber,
    });

    await harness.waitForHandled(died, repeated);

    const response = await harness.readIdentity(data.nationalNumber);
    const updates = await harness.identityUpdates(data.nationalNumber);

    expect(response.body).toMatchObject({
      dateOfDeath: '2024-02-29',
      status: 'deceased',
      version: 2,
    });
    expect(updates).toHaveLength(2);
    expect(updates[1]).toMatchObject({ status: 'deceased', version: 2 });
  });

  it('dead-letters a death of an unknown person', async () => {
    const unknown = personData().nationalNumber;
    const died = await harness.publisher.publish(PersonDied, {
      dateOfDeath: '2024-01-01',
      nationalNumber: unknown,
    });
    const parked = await harness.deadLetters.waitForEvent(died.id);

    expect(headerText(parked?.headers, 'dlq_error_code')).toBe('PERSON_NOT_REGISTERED');

    const identities = await harness.query('SELECT 1 FROM identities WHERE national_number = $1', [
      unknown,
    ]);

    expect(identities).toHaveLength(0);
  });

  it('dead-letters invalid events and continues', async () => {
    const valid = personData();
    const invalidId = randomUUID();
    const malformedId = randomUUID();

    await harness.publisher.publishRaw(Topics.civilPersons, {
      headers: {
        ce_id: invalidId,
        ce_source: '/civil-records',
        ce_specversion: '1.0',
        ce_time: new Date().toISOString(),
        ce_type: PersonRegistered.type,
      },
      key: valid.nationalNumber,
      value: JSON.stringify({ ...valid, nationalNumber: '01000000000' }),
    });
    await harness.publisher.publishRaw(Topics.civilPersons, {
      headers: {
        ce_id: malformedId,
        ce_source: '/civil-records',
        ce_specversion: '1.0',
        ce_time: new Date().toISOString(),
        ce_type: PersonRegistered.type,
      },
      key: valid.nationalNumber,
      value: '{ not json',
    });

    const handled = await harness.publisher.publish(PersonRegistered, valid);

    await harness.waitForHandled(handled);

    const schemaViolation = await harness.deadLetters.waitForEvent(invalidId);
    const malformed = await harness.deadLetters.waitForEvent(malformedId);

    expect(schemaViolation.topic).toBe(`${harness.topicPrefix}${Topics.civilPersons}.dlq`);
    expect(headerText(schemaViolation.headers, 'dlq_error_code')).toBe('EVENT_SCHEMA_VIOLATION');
    expect(headerText(schemaViolation.headers, 'dlq_reason')).toMatch(/check digit/);
    expect(headerText(malformed.headers, 'dlq_error_code')).toBe('MALFORMED_JSON');
    expect(await harness.identityUpdates(valid.nationalNumber)).toHaveLength(1);
  });
});
