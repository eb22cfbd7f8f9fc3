import { randomBytes } from 'node:crypto';

import type { Admin, Kafka, LogEntry } from 'kafkajs';

import { waitFor } from '@bitaqa/testing';

import {
  grantKafkaAccess,
  KafkaAclError,
  listKafkaAccess,
  revokeKafkaAccess,
  type KafkaAccessGrant,
} from '../src';

import {
  agencyKafka,
  agencyKafkaWithLog,
  authorityToken,
  consumerFailure,
  kafkaErrorType,
  kafkaTokenRequest,
  loggedErrorTypes,
  platformKafka,
  rejection,
} from './agency-client';

// Runs against the broker of .bitaqa/env: the admin client on the plaintext listener
// (KAFKA_BROKERS, a super user) and the agency client on the SASL listener (KAFKA_SASL_BROKERS).
const suffix = randomBytes(3).toString('hex');
const clientId = `svc-x-${suffix}`;
const topics = {
  other: `test-acl-${suffix}.other`,
  read: `test-acl-${suffix}.in`,
  write: `test-acl-${suffix}.out`,
};
const grant: KafkaAccessGrant = {
  clientId,
  readTopics: [topics.read],
  writeTopics: [topics.write],
};

let admin: Admin;
let agency: Kafka;

beforeAll(async () => {
  admin = platformKafka().admin();
  await admin.connect();
  await admin.createTopics({
    topics: Object.values(topics).map((topic) => ({ numPartitions: 1, topic })),
    waitForLeaders: true,
  });
  agency = agencyKafka(clientId, await authorityToken(kafkaTokenRequest(clientId)));
});

afterAll(async () => {
  await revokeKafkaAccess(admin, clientId);
  await admin.deleteTopics({ topics: Object.values(topics) });
  await admin.disconnect();
});

async function produceTo(topic: string): Promise<void> {
  const producer = agency.producer({ retry: { retries: 1 } });

  await producer.connect();

  try {
    await producer.send({ messages: [{ key: 'k', value: `to ${topic}` }], topic });
  } finally {
    await producer.disconnect();
  }
}

describe('grantKafkaAccess', () => {
  it('creates read, write and group ACLs', async () => {
    const created = await grantKafkaAccess(admin, grant);
    const listed = await listKafkaAccess(admin, clientId);
    const summary = listed.map(
      (acl) => `${acl.resourceType} ${acl.patternType} ${acl.resourceName} ${acl.operation}`,
    );

    expect(created).toEqual(listed);
    expect(summary).toEqual([
      `GROUP PREFIXED ${clientId}. DESCRIBE`,
      `GROUP PREFIXED ${clientId}. READ`,
      `TOPIC LITERAL ${topics.read} DESCRIBE`,
      `TOPIC LITERAL ${topics.read} READ`,
      `TOPIC LITERAL ${topics.write} DESCRIBE`,
      `TOPIC LITERAL ${topics.write} WRITE`,
    ]);
    expect(new Set(listed.map((acl) => acl.principal))).toEqual(new Set([`User:${clientId}`]));
    expect(new Set(listed.map((acl) => acl.permission))).toEqual(new Set(['ALLOW']));
  });

  it('creates nothing the second time', async () => {
    const before = await listKafkaAccess(admin, clientId);
    const created = await grantKafkaAccess(admin, grant);

    expect(created).toEqual([]);
    expect(await listKafkaAccess(admin, clientId)).toEqual(before);
  });

  it('rejects a wildcard topic', async () => {
    const error = await rejection(grantKafkaAccess(admin, { ...grant, readTopics: ['*'] }));

    expect(error).toBeInstanceOf(KafkaAclError);
    expect(error).toMatchObject({
      code: 'KAFKA_ACL_TOPIC_INVALID',
      field: 'readTopics.0',
      value: '*',
    });
  });

  it('rejects the platform principal', async () => {
    const error = await rejection(grantKafkaAccess(admin, { ...grant, clientId: 'ANONYMOUS' }));

    expect(error).toMatchObject({ code: 'KAFKA_ACL_CLIENT_ID_RESERVED', value: 'ANONYMOUS' });
  });

  it('rejects a group prefix outside the client id', async () => {
    const error = await rejection(grantKafkaAccess(admin, { ...grant, groupPrefix: 'fuel-' }));

    expect(error).toMatchObject({ code: 'KAFKA_ACL_GROUP_PREFIX_INVALID', value: 'fuel-' });
  });
});

describe('agency client with ACLs', () => {
  it('produces to its write topic', async () => {
    await produceTo(topics.write);

    const offsets = await admin.fetchTopicOffsets(topics.write);

    expect(offsets.map((partition) => partition.high)).toEqual(['1']);
  });

  it('consumes its read topic in its group', async () => {
    const producer = platformKafka().producer();

    await producer.connect();
    await producer.send({ messages: [{ key: 'k', value: 'for the agency' }], topic: topics.read });
    await producer.disconnect();

    const consumer = agency.consumer({ groupId: `${clientId}.reader` });
    const received: string[] = [];

    await consumer.connect();

    try {
      await consumer.subscribe({ fromBeginning: true, topics: [topics.read] });
      await consumer.run({
        eachMessage: async ({ message }) => {
          received.push(message.value?.toString() ?? '');
        },
      });
      await waitFor('the agency consumer to receive the message', () =>
        received.length > 0 ? received : undefined,
      );
    } finally {
      await consumer.disconnect();
    }

    expect(received).toEqual(['for the agency']);
  });

  it('cannot produce to a topic without ACL', async () => {
    const error = await rejection(produceTo(topics.other));

    expect(kafkaErrorType(error)).toBe('TOPIC_AUTHORIZATION_FAILED');
  });

  it('cannot consume a topic without ACL', async () => {
    const error = await consumerFailure(agency, `${clientId}.other`, topics.other);

    expect(kafkaErrorType(error)).toBe('TOPIC_AUTHORIZATION_FAILED');
  });

  it('cannot join a group outside its prefix', async () => {
    const entries: LogEntry[] = [];
    const token = await authorityToken(kafkaTokenRequest(clientId));
    const logged = agencyKafkaWithLog(clientId, token, entries);
    const error = await consumerFailure(logged, `fuel-allocation-${suffix}`, topics.read);

    expect(error).toMatchObject({ name: 'KafkaJSGroupCoordinatorNotFound' });
    expect(loggedErrorTypes(entries)).toContain('GROUP_AUTHORIZATION_FAILED');
  });
});

describe('revokeKafkaAccess', () => {
  it('deletes every ACL and access ends', async () => {
    const deleted = await revokeKafkaAccess(admin, clientId);

    expect(deleted).toHaveLength(6);
    expect(await listKafkaAccess(admin, clientId)).toEqual([]);

    const error = await rejection(produceTo(topics.write));

    expect(kafkaErrorType(error)).toBe('TOPIC_AUTHORIZATION_FAILED');
  });

  it('deletes nothing the second time', async () => {
    expect(await revokeKafkaAccess(admin, clientId)).toEqual([]);
  });
});
