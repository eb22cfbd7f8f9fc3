import { PersonCorrected, PersonDied, PersonRegistered, type EventData } from '@bitaqa/contracts';
import { headerText } from '@bitaqa/messaging';

import { CacheKeys } from '../src/cache/cache-keys';

import { personData } from './support/civil-builders';
import { RegistryHarness } from './support/registry-harness';

type Registered = EventData<typeof PersonRegistered.type>;
type Corrected = EventData<typeof PersonCorrected.type>;

let correctionId = 0;

/** PersonCorrected data for `registered` with `changes` applied. */
function correction(
  registered: Registered,
  changes: Partial<Corrected>,
  changedFields: Corrected['changedFields'],
): Corrected {
  const { reason: _reason, ...record } = registered;

  correctionId += 1;

  return {
    ...record,
    changedFields,
    correctionId: String(correctionId),
    dateOfDeath: null,
    decision: { court: 'محكمة البداية المدنية بدمشق', date: '2024-05-02', number: '311/2024' },
    effectiveOn: '2024-05-02',
    ...changes,
  };
}

describe('PersonCorrected', () => {
  const harness = new RegistryHarness('corrections');
  let keys: CacheKeys;

  beforeAll(async () => {
    await harness.start();
    keys = new CacheKeys(harness.config.redisKeyPrefix);
  });

  afterAll(() => harness.stop());

  async function registered(overrides: Partial<Registered> = {}): Promise<Registered> {
    const data = personData(overrides);
    const event = await harness.publisher.publish(PersonRegistered, data);

    await harness.waitForHandled(event);

    return data;
  }

  it('replaces names and birth data', async () => {
    const data = await registered({ familyNameAr: 'الحلبي', givenNameAr: 'محمّد' });
    const event = await harness.publisher.publish(
      PersonCorrected,
      correction(
        data,
        {
          birthDate: '1980-04-02',
          birthPlace: 'SY0102',
          familyNameAr: 'الشامي',
          givenNameAr: 'أحمد',
        },
        ['birthDate', 'birthPlace', 'familyNameAr', 'givenNameAr'],
      ),
    );

    await harness.waitForHandled(event);

    const [row] = await harness.query<Record<string, unknown>>(
      `SELECT given_name_ar, given_name_latin, given_name_normalized, family_name_latin,
         full_name_normalized, to_char(birth_date, 'YYYY-MM-DD') AS birth_date, birth_place, version
       FROM identities WHERE national_number = $1`,
      [data.nationalNumber],
    );
    const updates = await harness.identityUpdates(data.nationalNumber);

    expect(row).toEqual({
      birth_date: '1980-04-02',
      birth_place: 'SY0102',
      family_name_latin: 'ALSHAMI',
      full_name_normalized: 'احمد خالد عبدالله الشامي',
      given_name_ar: 'أحمد',
      given_name_latin: 'AHMAD',
      given_name_normalized: 'احمد',
      version: 2,
    });
    expect(updates).toHaveLength(2);
    expect(updates[1]).toMatchObject({
      birthDate: '1980-04-02',
      familyNameLatin: 'ALSHAMI',
      givenNameAr: 'أحمد',
      givenNameLatin: 'AHMAD',
      status: 'active',
      version: 2,
    });
  });

  it('drops the cached identity', async () => {
    const data = await registered({ givenNameAr: 'محمّد' });

    await harness.readIdentity(data.nationalNumber);
    expect(await harness.redis.get(keys.identity(data.nationalNumber))).not.toBeNull();

    const event = await harness.publisher.publish(
      PersonCorrected,
      correction(data, { givenNameAr: 'أحمد' }, ['givenNameAr']),
    );

    await harness.waitForHandled(event);

    const response = await harness.readIdentity(data.nationalNumber);

    expect(await harness.redis.get(keys.identityGeneration(data.nationalNumber))).toBe('1');
    expect(response.body).toMatchObject({
      givenNameAr: 'أحمد',
      givenNameLatin: 'AHMAD',
      version: 2,
    });
  });

  it('corrected date of death', async () => {
    const data = await registered();
    const died = await harness.publisher.publish(PersonDied, {
      dateOfDeath: '2024-02-20',
      nationalNumber: data.nationalNumber,
    });
    const corrected = await harness.publisher.publish(
      PersonCorrected,
      correction(data, { dateOfDeath: '2024-02-10' }, ['dateOfDeath']),
    );

    await harness.waitForHandled(died, corrected);

    const response = await harness.readIdentity(data.nationalNumber);

    expect(response.body).toMatchObject({
      dateOfDeath: '2024-02-10',
      status: 'deceased',
      version: 3,
    });
  });

  it('replayed correction changes nothing', async () => {
    const data = await registered();
    const first = await harness.publisher.publish(
      PersonCorrected,
      correction(data, { motherNameAr: 'آمنة' }, ['motherNameAr']),
    );

    await harness.waitForHandled(first);
    await harness.publisher.publish(PersonCorrected, first.data, { id: first.id });

    // Same key, so the same partition: once this one is handled the replay was seen first.
    const marker = await harness.publisher.publish(
      PersonCorrected,
      correction({ ...data, motherNameAr: 'آمنة' }, { fatherNameAr: 'سعيد' }, ['fatherNameAr']),
    );

    await harness.waitForHandled(marker);

    const updates = await harness.identityUpdates(data.nationalNumber);

    expect(updates.map((update) => update.version)).toEqual([1, 2, 3]);
    expect(updates[2]).toMatchObject({ fatherNameAr: 'سعيد', motherNameAr: 'آمنة' });
  });

  it('dead-letters an unknown person', async () => {
    const unknown = personData();
    const event = await harness.publisher.publish(
      PersonCorrected,
      correction(unknown, { givenNameAr: 'أحمد' }, ['givenNameAr']),
    );
    const parked = await harness.deadLetters.waitForEvent(event.id);
    const identities = await harness.query('SELECT 1 FROM identities WHERE national_number = $1', [
      unknown.nationalNumber,
    ]);

    expect(headerText(parked.headers, 'dlq_error_code')).toBe('PERSON_NOT_REGISTERED');
    expect(identities).toHaveLength(0);
  });
});
