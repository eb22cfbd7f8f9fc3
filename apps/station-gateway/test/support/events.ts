import type { IHeaders } from 'kafkajs';
import type { z } from 'zod';

import {
  CardStatusChanged,
  FamilyUpdated,
  luhnCheckDigit,
  makeNationalNumber,
  PolicyPublished,
  type EventData,
  type EventDefinition,
} from '@bitaqa/contracts';
import { createCloudEvent, physicalTopic, toKafkaHeaders } from '@bitaqa/messaging';
import { testKafka } from '@bitaqa/testing';

type CardStatusData = EventData<typeof CardStatusChanged.type>;
type FamilyData = EventData<typeof FamilyUpdated.type>;
type PolicyData = EventData<typeof PolicyPublished.type>;

/** Makes a card number as the authority does: 9760, an 11-digit serial, a Luhn digit. */
export function makeCardNumber(serial: number): string {
  const body = `9760${String(serial).padStart(11, '0')}`;

  return body + String(luhnCheckDigit(body));
}

export function cardStatus(
  serial: number,
  overrides: Partial<CardStatusData> = {},
): CardStatusData {
  return {
    cardNumber: makeCardNumber(serial),
    changedAt: '2026-12-01T10:00:00.000Z',
    expiryDate: '2031-11-30',
    familyId: `FAM-SY01-${String(serial).padStart(6, '0')}`,
    nationalNumber: makeNationalNumber(1, serial),
    reason: 'card issued',
    status: 'issued',
    version: 1,
    ...overrides,
  };
}

/** Builds the family book of a card's holder: the holder as head, and a wife. */
export function familyOfCard(serial: number): FamilyData {
  const card = cardStatus(serial);

  return {
    familyId: card.familyId as string,
    governorate: 'SY01',
    headNationalNumber: card.nationalNumber,
    members: [
      {
        alive: true,
        birthDate: '1980-03-15',
        nationalNumber: card.nationalNumber,
        role: 'head',
        sex: 'M',
      },
      {
        alive: true,
        birthDate: '1984-07-12',
        nationalNumber: makeNationalNumber(2, serial),
        role: 'wife',
        sex: 'F',
      },
    ],
    reason: 'import',
    version: 1,
  };
}

export function policy(overrides: Partial<PolicyData> = {}): PolicyData {
  return {
    beneficiary: 'family',
    effectiveFrom: '2026-01-01',
    periodDays: 23,
    periodQuantity: 1,
    policyVersion: 1,
    pricePiastres: 1_000_000,
    productCode: 'gas-cylinder',
    unit: 'cylinder',
    ...overrides,
  };
}

export interface RawRecord {
  headers: IHeaders;
  key: string;
  value: Buffer | string;
}

/** Sends records to one topic as they are, waiting for all in-sync replicas. */
export async function sendRaw(topic: string, records: RawRecord[]): Promise<void> {
  const producer = testKafka('station-gateway-test').producer();

  await producer.connect();
  try {
    await producer.send({ acks: -1, messages: records, topic });
  } finally {
    await producer.disconnect();
  }
}

/** Encodes a CloudEvent in Kafka binary mode, keyed by its aggregate, as the outbox relay does. */
export function eventRecord<Schema extends z.ZodType>(
  definition: EventDefinition<string, Schema>,
  data: z.infer<Schema>,
): RawRecord {
  const event = createCloudEvent(definition, data, { source: '/test' });

  return {
    headers: toKafkaHeaders(event),
    key: definition.key(event.data),
    value: JSON.stringify(event.data),
  };
}

/** Publishes events of one type, in order, to the catalogue topic under `prefix`. */
export async function publish<Schema extends z.ZodType>(
  prefix: string,
  definition: EventDefinition<string, Schema>,
  items: z.infer<Schema>[],
): Promise<void> {
  await sendRaw(
    physicalTopic(definition.topic, prefix),
    items.map((data) => eventRecord(definition, data)),
  );
}
