import { setTimeout as sleep } from 'node:timers/promises';

import { vpcdReaderName } from '@bitaqa/card';
import { PersonalizationRequested } from '@bitaqa/contracts';
import { createCloudEvent, toKafkaHeaders } from '@bitaqa/messaging';
import { createLogger } from '@bitaqa/observability';
import {
  createPrefixedTopics,
  createTestDatabase,
  deletePrefixedTopics,
  serviceAddresses,
  testAuthorization,
  testKafka,
  testTokenSource,
  uniqueTopicPrefix,
} from '@bitaqa/testing';

import { bootstrap } from '../../apps/reader-gateway/src/bootstrap';
import type { ReaderGatewayConfig } from '../../apps/reader-gateway/src/config';
import type { EncoderView } from '../../apps/reader-gateway/src/encoders/encoders.controller';
import { PrismaService } from '../../apps/reader-gateway/src/infrastructure/prisma.service';
import type { PersonalizationRequest } from '../../apps/reader-gateway/test/support/builders';
import type { TestAuthority } from '../../apps/reader-gateway/test/support/test-authority';

export interface GatewayRun {
  apdus: number;
  cards: number;
  failed: number;
  roundTripMs: number;
  spoiled: number;
  wallMs: number;
}

function gatewayConfig(databaseUrl: string, prefix: string, authority: TestAuthority) {
  const addresses = serviceAddresses();
  const encoder = (slot: 0 | 1) => ({
    feeder: {
      mode: 'swap' as const,
      vpcdHost: addresses.vpcdHost,
      vpcdPort: addresses.vpcdPort + slot,
    },
    id: `bench-encoder-${slot + 1}`,
    readerName: vpcdReaderName(slot),
  });
  const config: ReaderGatewayConfig = {
    authorityTimeoutMs: 10_000,
    authorityCredentials: null,
    authorityUrl: authority.url,
    cardWaitTimeoutMs: 30_000,
    databaseUrl,
    encoders: [encoder(0), encoder(1)],
    host: '127.0.0.1',
    jobPollIntervalMs: 100,
    kafkaBrokers: addresses.kafkaBrokers,
    kafkaGroupId: `${prefix}reader-gateway`,
    kafkaTopicPrefix: prefix,
    logLevel: process.env['LOG_LEVEL'] ?? 'warn',
    maxCardsPerJob: 3,
    migrateOnStart: true,
    port: 0,
    readerPollIntervalMs: 1_000,
    transmitTimeoutMs: 10_000,
  };

  return config;
}

async function publishAll(prefix: string, requests: PersonalizationRequest[]): Promise<void> {
  const producer = testKafka().producer();
  await producer.connect();
  try {
    const messages = requests.map((request) => {
      const event = createCloudEvent(PersonalizationRequested, request, {
        source: '/card-authority',
      });

      return {
        headers: toKafkaHeaders(event),
        key: request.cardNumber,
        value: JSON.stringify(event.data),
      };
    });
    await producer.send({
      acks: -1,
      messages,
      topic: `${prefix}${PersonalizationRequested.topic}`,
    });
  } finally {
    await producer.disconnect();
  }
}

async function waitForJobs(prisma: PrismaService, count: number): Promise<void> {
  for (;;) {
    const finished = await prisma.personalizationJob.count({
      where: { status: { in: ['completed', 'failed'] } },
    });
    if (finished >= count) {
      return;
    }

    await sleep(50);
  }
}

/**
 * Starts a reader gateway with two encoders on the vpcd slots, publishes every request at
 * once, and times from the publish until the last job is finished in the gateway's database.
 */
export async function runGateway(
  authority: TestAuthority,
  requests: PersonalizationRequest[],
): Promise<GatewayRun> {
  const prefix = uniqueTopicPrefix('bench-card-personalization');
  await createPrefixedTopics(prefix);
  const database = await createTestDatabase('bench_card_personalization');
  const config = gatewayConfig(database.url, prefix, authority);
  const tokens = await testTokenSource({
    audience: 'card-authority',
    kind: 'app',
    scopes: ['authority:personalize'],
    subject: 'reader-site-bench',
  });
  const gateway = await bootstrap(config, {
    authorization: () => tokens.authorization(),
    logger: createLogger('reader-gateway', config.logLevel),
  });
  try {
    const prisma = gateway.app.get(PrismaService);
    const started = performance.now();
    await publishAll(prefix, requests);
    await waitForJobs(prisma, requests.length);
    const wallMs = performance.now() - started;
    const authorization = await testAuthorization({
      audience: 'reader-gateway',
      scopes: ['reader:operate'],
    });
    const response = await fetch(`${gateway.url}/encoders`, { headers: { authorization } });
    const { encoders } = (await response.json()) as { encoders: EncoderView[] };

    return {
      apdus: encoders.reduce((sum, encoder) => sum + encoder.apdus.count, 0),
      cards: encoders.reduce((sum, encoder) => sum + encoder.cardsPersonalized, 0),
      failed: await prisma.personalizationJob.count({ where: { status: 'failed' } }),
      roundTripMs: encoders.reduce((sum, encoder) => sum + encoder.apdus.roundTripMs, 0),
      spoiled: encoders.reduce((sum, encoder) => sum + encoder.cardsSpoiled, 0),
      wallMs,
    };
  } finally {
    await gateway.close();
    await database.drop();
    await deletePrefixedTopics(prefix);
  }
}
