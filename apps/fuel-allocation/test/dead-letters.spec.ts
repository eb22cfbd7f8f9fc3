import { randomUUID } from 'node:crypto';

import {
  CardStatusChanged,
  FamilyUpdated,
  PersonDied,
  Topics,
  type TopicName,
} from '@bitaqa/contracts';
import { waitFor } from '@bitaqa/testing';

import { cardStatus, familySnapshot, nextNationalNumber } from './support/builders';
import { startFuelService, type FuelTestService } from './support/fuel-service';
import { getJson } from './support/http';
import { readUntil, type ReadMessage } from './support/topic-reader';

function ceHeaders(type: string): Record<string, string> {
  return {
    ce_id: randomUUID(),
    ce_source: '/fuel-allocation-test',
    ce_specversion: '1.0',
    ce_time: new Date().toISOString(),
    ce_type: type,
    'content-type': 'application/json',
  };
}

describe('dead-letter topics', () => {
  let fuel: FuelTestService;

  beforeAll(async () => {
    fuel = await startFuelService('dead-letters');
  }, 120_000);

  afterAll(async () => {
    await fuel?.close();
  });

  function deadLetters(topic: TopicName, key: string, expected: number): Promise<ReadMessage[]> {
    return readUntil(
      `${fuel.prefix}${topic}.dlq`,
      (messages) => messages.filter((message) => message.key === key).length >= expected,
    ).then((messages) => messages.filter((message) => message.key === key));
  }

  async function familyKnown(familyId: string): Promise<void> {
    await waitFor(`family ${familyId}`, async () => {
      const result = await getJson(`${fuel.url}/families/${familyId}/entitlements`);

      return result.status === 200 ? true : undefined;
    });
  }

  it('civil.families bad events parked', async () => {
    const family = familySnapshot(1);
    const key = family.familyId;

    await fuel.events.publishRaw(Topics.civilFamilies, {
      headers: ceHeaders(FamilyUpdated.type),
      key,
      value: '{"familyId": ',
    });
    await fuel.events.publishRaw(Topics.civilFamilies, {
      headers: ceHeaders(FamilyUpdated.type),
      key,
      value: JSON.stringify({ ...family, members: [] }),
    });
    await fuel.events.publish(FamilyUpdated, {
      ...family,
      headNationalNumber: nextNationalNumber(),
    });
    await fuel.events.publish(FamilyUpdated, family);
    await familyKnown(family.familyId);

    const parked = await deadLetters(Topics.civilFamilies, key, 3);

    expect(parked.map((message) => message.headers.dlq_error_code)).toEqual([
      'MALFORMED_JSON',
      'EVENT_SCHEMA_VIOLATION',
      'FAMILY_HEAD_NOT_MEMBER',
    ]);
    expect(parked[2]?.headers.dlq_reason).toContain('is not among its members');
    expect(parked[0]?.headers.dlq_source_topic).toBe(`${fuel.prefix}${Topics.civilFamilies}`);
  });

  it('civil.persons bad events parked', async () => {
    const family = familySnapshot(4);
    const child = family.members[3]!.nationalNumber;

    await fuel.events.publish(FamilyUpdated, family);
    await familyKnown(family.familyId);
    await fuel.events.publishRaw(Topics.civilPersons, {
      headers: ceHeaders(PersonDied.type),
      key: child,
      value: JSON.stringify({ dateOfDeath: '2026-02-30', nationalNumber: child }),
    });
    await fuel.events.publishRaw(Topics.civilPersons, {
      headers: { ...ceHeaders(PersonDied.type), ce_type: 'sy.gov.civil.person-vanished.v1' },
      key: child,
      value: JSON.stringify({ nationalNumber: child }),
    });
    await fuel.events.publish(PersonDied, { dateOfDeath: '2026-11-10', nationalNumber: child });

    const parked = await deadLetters(Topics.civilPersons, child, 2);

    expect(parked.map((message) => message.headers.dlq_error_code)).toEqual([
      'EVENT_SCHEMA_VIOLATION',
      'UNKNOWN_EVENT_TYPE',
    ]);
    expect(parked[0]?.headers.dlq_reason).toContain('dateOfDeath');
    await waitFor('death applied after the parked events', async () => {
      const result = await getJson<{ livingMembers: number }>(
        `${fuel.url}/families/${family.familyId}/entitlements`,
      );

      return result.body.livingMembers === 5 ? true : undefined;
    });
  });

  it('authority.card-status bad events parked', async () => {
    const family = familySnapshot(1);
    const card = cardStatus(family.familyId, family.headNationalNumber, 'issued');

    await fuel.events.publish(FamilyUpdated, family);
    await familyKnown(family.familyId);
    await fuel.events.publishRaw(Topics.authorityCardStatus, {
      headers: ceHeaders(CardStatusChanged.type),
      key: card.cardNumber,
      value: JSON.stringify({ ...card, status: 'misplaced' }),
    });
    await fuel.events.publishRaw(Topics.authorityCardStatus, {
      headers: { ...ceHeaders(CardStatusChanged.type), ce_specversion: '0.3' },
      key: card.cardNumber,
      value: JSON.stringify(card),
    });
    await fuel.events.publish(CardStatusChanged, card);

    const parked = await deadLetters(Topics.authorityCardStatus, card.cardNumber, 2);

    expect(parked.map((message) => message.headers.dlq_error_code)).toEqual([
      'EVENT_SCHEMA_VIOLATION',
      'UNSUPPORTED_SPECVERSION',
    ]);
    await waitFor('valid card status applied', async () => {
      const result = await getJson(`${fuel.url}/cards/${card.cardNumber}/entitlements`);

      return result.status === 200 ? true : undefined;
    });
  });
});
