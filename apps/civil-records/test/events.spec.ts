import type { KafkaMessage } from 'kafkajs';

import {
  FamilyUpdated,
  PersonCorrected,
  PersonDied,
  PersonRegistered,
  Topics,
  type EventData,
} from '@bitaqa/contracts';
import { decodeCloudEvent, headerText } from '@bitaqa/messaging';
import { readTopic, waitFor } from '@bitaqa/testing';

import type { BirthResult } from '../src/births/dto/birth.dto';

import { marriedCouple } from './support/builders';
import { startCivilTestApp, type CivilTestApp } from './support/civil-test-app';

type FamilyData = EventData<typeof FamilyUpdated.type>;

describe('outbox relay', () => {
  let api: CivilTestApp;
  let couple: { familyId: string; husband: string; wife: string };
  let child: string;

  beforeAll(async () => {
    api = await startCivilTestApp('events');
    couple = await marriedCouple(api);

    const { body } = await api.post<BirthResult>('/births', {
      birthDate: '2009-09-09',
      birthPlace: 'SY020000',
      fatherNationalNumber: couple.husband,
      givenNameAr: 'ريم',
      motherNationalNumber: couple.wife,
      sex: 'F',
    });

    child = body.nationalNumber;
    await api.post('/deaths', { dateOfDeath: '2021-03-03', nationalNumber: couple.husband });
    await api.post('/corrections', {
      changes: { birthDate: '2009-09-01', givenNameAr: 'ريما' },
      decision: { court: 'محكمة البداية المدنية بدمشق', date: '2022-02-02', number: '5/2022' },
      nationalNumber: child,
    });
    await waitFor('outbox to drain', async () => {
      const result = await api.sql.query(
        'SELECT count(*)::int AS count FROM outbox_events WHERE sent_at IS NULL',
      );

      return result.rows[0].count === 0 ? true : undefined;
    });
  });

  afterAll(async () => {
    await api.close();
  });

  function decode(message: KafkaMessage, topic: string) {
    return decodeCloudEvent(message, { offset: message.offset, topic });
  }

  it('persons topic carries CloudEvents', async () => {
    const topic = `${api.topicPrefix}${Topics.civilPersons}`;
    const messages = await readTopic(topic, 5);
    const events = messages.map((message) => decode(message, topic));

    expect(events.map((event) => event.type).sort()).toEqual(
      [
        PersonCorrected.type,
        PersonDied.type,
        PersonRegistered.type,
        PersonRegistered.type,
        PersonRegistered.type,
      ].sort(),
    );
    for (const message of messages) {
      expect(headerText(message.headers, 'ce_source')).toBe('/civil-records');
      expect(headerText(message.headers, 'ce_specversion')).toBe('1.0');
      expect(headerText(message.headers, 'ce_id')).toMatch(/^[0-9a-f-]{36}$/);
      expect(headerText(message.headers, 'ce_subject')).toBe(message.key?.toString());
      expect(headerText(message.headers, 'content-type')).toBe('application/json');
    }
    expect(messages.map((message) => message.key?.toString()).sort()).toEqual(
      [couple.husband, couple.husband, couple.wife, child, child].sort(),
    );
  });

  it('correction follows the registration', async () => {
    const topic = `${api.topicPrefix}${Topics.civilPersons}`;
    const events = (await readTopic(topic, 5))
      .map((message) => decode(message, topic))
      .filter((event) => event.subject === child);

    expect(events.map((event) => event.type)).toEqual([
      PersonRegistered.type,
      PersonCorrected.type,
    ]);
    expect(events[1]?.data).toMatchObject({
      birthDate: '2009-09-01',
      changedFields: ['birthDate', 'givenNameAr'],
      givenNameAr: 'ريما',
    });
  });

  it('families topic carries versions in order', async () => {
    const topic = `${api.topicPrefix}${Topics.civilFamilies}`;
    const messages = await readTopic(topic, 4);
    const snapshots = messages.map((message) => decode(message, topic).data as FamilyData);

    expect(messages.every((message) => message.key?.toString() === couple.familyId)).toBe(true);
    expect(snapshots.map((snapshot) => [snapshot.version, snapshot.reason])).toEqual([
      [1, 'marriage'],
      [2, 'birth'],
      [3, 'death'],
      [4, 'correction'],
    ]);
    expect(snapshots[3]?.members.at(-1)).toMatchObject({
      birthDate: '2009-09-01',
      nationalNumber: child,
    });
    expect(headerText(messages[0]?.headers, 'ce_type')).toBe(FamilyUpdated.type);
  });

  it('no dead letters', async () => {
    const messages = await readTopic(`${api.topicPrefix}${Topics.civilPersons}.dlq`, 1, 2_000);

    expect(messages).toEqual([]);
  });
});
