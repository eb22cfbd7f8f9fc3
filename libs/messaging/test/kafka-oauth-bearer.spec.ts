import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

import type { Kafka } from 'kafkajs';
import pino from 'pino';

import { createKafka } from '../src';

import {
  agencyKafka,
  authorityToken,
  foreignKeyToken,
  kafkaTokenRequest,
  rejection,
  saslBrokers,
} from './agency-client';

// Runs against the SASL listener of .bitaqa/env (KAFKA_SASL_BROKERS), which checks tokens
// against the card authority's JWKS file, issuer and the audience `kafka`.
const clientId = `svc-auth-${randomBytes(3).toString('hex')}`;
const TEN_MINUTES_MS = 600_000;

async function listTopicsWith(kafka: Kafka): Promise<string[]> {
  const admin = kafka.admin();

  await admin.connect();

  try {
    return await admin.listTopics();
  } finally {
    await admin.disconnect();
  }
}

async function authenticationFailure(token: string): Promise<unknown> {
  return rejection(listTopicsWith(agencyKafka(clientId, token)));
}

describe('SASL OAUTHBEARER listener', () => {
  it('accepts an authority token for kafka', async () => {
    const token = await authorityToken(kafkaTokenRequest(clientId));

    // A client without ACLs is authenticated but may see no topic at all.
    await expect(listTopicsWith(agencyKafka(clientId, token))).resolves.toEqual([]);
  });

  it('rejects an expired token', async () => {
    const issuedTenMinutesAgo = new Date(Date.now() - TEN_MINUTES_MS);
    const token = await authorityToken(kafkaTokenRequest(clientId), issuedTenMinutesAgo);
    const error = await authenticationFailure(token);

    expect(error).toMatchObject({ name: 'KafkaJSSASLAuthenticationError' });
    expect((error as Error).message).toContain('invalid_token');
  });

  it('rejects a token signed by another key', async () => {
    const error = await authenticationFailure(await foreignKeyToken(kafkaTokenRequest(clientId)));

    expect(error).toMatchObject({ name: 'KafkaJSSASLAuthenticationError' });
    expect((error as Error).message).toContain('invalid_token');
  });

  it('rejects a token for another audience', async () => {
    const request = kafkaTokenRequest(clientId, { audience: 'identity-registry' });
    const error = await authenticationFailure(await authorityToken(request));

    expect(error).toMatchObject({ name: 'KafkaJSSASLAuthenticationError' });
  });
});

describe('SASL OAUTHBEARER session', () => {
  // The broker ends a session when its token expires. kafkajs authenticates again on the same
  // connection when less than 10 s (its default reauthenticationThreshold) of the session remain.
  it('authenticates again with a fresh token', async () => {
    const issued: string[] = [];
    const kafka = createKafka(
      {
        brokers: saslBrokers(),
        clientId,
        oauthBearer: async () => {
          const token = await authorityToken(kafkaTokenRequest(clientId, { ttlSeconds: 12 }));

          issued.push(token);

          return token;
        },
      },
      pino({ level: 'silent' }),
    );
    const admin = kafka.admin();

    await admin.connect();

    try {
      await admin.listTopics();
      const afterFirstRequest = issued.length;

      await sleep(3_000);
      await admin.listTopics();

      expect(afterFirstRequest).toBeGreaterThan(0);
      expect(issued.length).toBeGreaterThan(afterFirstRequest);
    } finally {
      await admin.disconnect();
    }
  });
});
