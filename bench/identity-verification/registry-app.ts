import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { join } from 'node:path';

import type { TokenSource } from '@bitaqa/auth';
import {
  createPrefixedTopics,
  deletePrefixedTopics,
  serviceAddresses,
  testAuthorization,
  testTokenSource,
} from '@bitaqa/testing';

import { AppProcess } from '../../tools/flow/src/app-process';

const REPO_ROOT = join(__dirname, '../..');

/** The registry's audience and scopes, as apps/identity-registry/src/auth/scopes.ts names them. */
const AUDIENCE = 'identity-registry';

/**
 * Lifetime of the agency token that the load generator sends with every request: the longest a
 * token may have, so runs with a warm-up and duration below an hour never send an expired one.
 */
const AGENCY_TOKEN_TTL_SECONDS = 3_600;

export const LOG_DIR = join(REPO_ROOT, '.bitaqa/bench/logs');

async function freePort(): Promise<number> {
  const server = createServer();

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  const address = server.address();

  await new Promise<void>((resolve) => server.close(() => resolve()));

  if (address === null || typeof address === 'string') throw new Error('no free port');

  return address.port;
}

/** The identity registry started as a child process on the bench database. */
export interface BenchRegistry {
  /** Operator tokens signed with the local platform key, refreshed before they expire. */
  operatorTokens: TokenSource;
  port: number;
  stop(): Promise<void>;
}

/**
 * Starts the real registry (`apps/identity-registry/src/main.ts`) with its own topic prefix and
 * Redis key prefix, and waits until it is healthy. Its log goes to `.bitaqa/bench/logs`. The
 * registry reads AUTH_ISSUER and AUTH_JWKS_FILE from the environment that `.bitaqa/env` sets.
 */
export async function startRegistry(databaseUrl: string): Promise<BenchRegistry> {
  const addresses = serviceAddresses();
  const runId = randomBytes(3).toString('hex');
  const topicPrefix = `bench-${runId}.`;
  const port = await freePort();

  await createPrefixedTopics(topicPrefix);

  const app = new AppProcess({
    env: {
      DATABASE_URL: databaseUrl,
      KAFKA_BROKERS: addresses.kafkaBrokers,
      KAFKA_GROUP_ID: `identity-registry-bench-${runId}`,
      KAFKA_TOPIC_PREFIX: topicPrefix,
      LOG_LEVEL: 'info',
      REDIS_KEY_PREFIX: `bench-identity-${runId}:`,
      REDIS_URL: addresses.redisUrl,
      SWC_NODE_PROJECT: 'tsconfig.base.json',
    },
    logDir: LOG_DIR,
    name: 'identity-registry',
    port,
    repoRoot: REPO_ROOT,
  });

  app.start();
  console.log(`started identity-registry (pid ${app.pid}) on port ${port}; log ${app.logFile}`);
  try {
    await app.waitUntilHealthy(120_000);
  } catch (error) {
    await app.stop();
    await deletePrefixedTopics(topicPrefix);
    throw error;
  }

  return {
    operatorTokens: await testTokenSource({
      audience: AUDIENCE,
      kind: 'operator',
      scopes: ['identity:agencies', 'identity:operate'],
      subject: 'bench-operator',
    }),
    port,
    async stop() {
      await app.stop();
      await deletePrefixedTopics(topicPrefix);
    },
  };
}

async function call(
  registry: BenchRegistry,
  method: string,
  path: string,
  body?: object,
): Promise<Record<string, unknown>> {
  const response = await fetch(`http://127.0.0.1:${registry.port}${path}`, {
    body: body === undefined ? undefined : JSON.stringify(body),
    headers: {
      authorization: await registry.operatorTokens.authorization(),
      'content-type': 'application/json',
    },
    method,
  });
  const json = (await response.json()) as Record<string, unknown>;

  if (!response.ok) throw new Error(`${method} ${path} failed: ${JSON.stringify(json)}`);

  return json;
}

/**
 * Registers an agency allowed to verify given name and birth date for `account-opening`,
 * with a rate limit no benchmark reaches, and returns the Authorization header of a service
 * token for it, signed with the local platform key.
 */
export async function benchAgency(registry: BenchRegistry): Promise<string> {
  const serviceId = `bench-bank-${randomBytes(3).toString('hex')}`;

  await call(registry, 'POST', '/agencies', { name: 'Bench Bank', serviceId });
  await call(registry, 'PUT', `/agencies/${serviceId}/policy`, {
    approvalReference: 'bench',
    approvedBy: 'bench',
    attributes: ['givenNameAr', 'birthDate'],
    purposes: ['account-opening'],
    requestsPerWindow: 1_000_000,
  });

  return testAuthorization({
    audience: AUDIENCE,
    kind: 'service',
    scopes: ['identity:verify'],
    serviceId,
    subject: `${serviceId}-client`,
    ttlSeconds: AGENCY_TOKEN_TTL_SECONDS,
  });
}

/** Sends one operator GET and returns the parsed body with the latency in milliseconds. */
export async function operatorGet(
  registry: BenchRegistry,
  path: string,
): Promise<{ body: Record<string, unknown>; latencyMs: number }> {
  const started = process.hrtime.bigint();
  const body = await call(registry, 'GET', path);

  return { body, latencyMs: Number(process.hrtime.bigint() - started) / 1e6 };
}
