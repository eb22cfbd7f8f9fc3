import { generateKeyPairSync } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

import { Kafka, logLevel, type LogEntry } from 'kafkajs';
import pino from 'pino';

import { TokenSigner, type TokenRequest } from '@bitaqa/auth';
import { localTokenSigner } from '@bitaqa/testing';

import { createKafka, oauthBearerMechanism } from '../src';

const logger = pino({ level: 'silent' });

/** Returns the SASL listener's address, which infra/up.sh writes to .bitaqa/env. */
export function saslBrokers(): string {
  const brokers = process.env['KAFKA_SASL_BROKERS'];

  if (!brokers) {
    throw new Error('KAFKA_SASL_BROKERS is unset; source .bitaqa/env written by infra/up.sh');
  }

  return brokers;
}

/** Builds a token request such as the card authority makes for an agency's Kafka client. */
export function kafkaTokenRequest(
  clientId: string,
  overrides: Partial<TokenRequest> = {},
): TokenRequest {
  return {
    audience: 'kafka',
    kind: 'service',
    scopes: ['kafka'],
    subject: clientId,
    ttlSeconds: 300,
    ...overrides,
  };
}

/** Signs with the local card authority's key (AUTH_TOKEN_KEY_FILE). */
export async function authorityToken(request: TokenRequest, now = new Date()): Promise<string> {
  return (await (await localTokenSigner()).sign(request, now)).token;
}

/**
 * Signs with a freshly made P-256 key that carries the authority's key id and issuer, so the
 * signature is the only difference from a real token.
 */
export async function foreignKeyToken(request: TokenRequest): Promise<string> {
  const authority = await localTokenSigner();
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid: authority.keyId };
  const signer = await TokenSigner.fromJwk(authority.issuer, jwk);

  return (await signer.sign(request)).token;
}

/** Creates a kafkajs client for the SASL listener that authenticates with the given token. */
export function agencyKafka(clientId: string, token: string): Kafka {
  return createKafka({ brokers: saslBrokers(), clientId, oauthBearer: async () => token }, logger);
}

/**
 * Like `agencyKafka`, but keeps kafkajs' debug log in `entries`. kafkajs reports some broker
 * errors only there: it logs a FindCoordinator error such as GROUP_AUTHORIZATION_FAILED and then
 * throws KafkaJSGroupCoordinatorNotFound without it.
 */
export function agencyKafkaWithLog(clientId: string, token: string, entries: LogEntry[]): Kafka {
  return new Kafka({
    brokers: saslBrokers().split(','),
    clientId,
    logCreator: () => (entry) => {
      entries.push(entry);
    },
    logLevel: logLevel.DEBUG,
    retry: { retries: 0 },
    sasl: oauthBearerMechanism(async () => token),
  });
}

/** Returns the error types of the broker errors in kafkajs log entries. */
export function loggedErrorTypes(entries: readonly LogEntry[]): string[] {
  return entries
    .map((entry) => kafkaErrorType((entry.log as { error?: unknown }).error))
    .filter((type): type is string => type !== undefined);
}

/** Creates a kafkajs client for the plaintext listener, whose principal is a super user. */
export function platformKafka(): Kafka {
  const brokers = process.env['KAFKA_BROKERS'];

  if (!brokers)
    throw new Error('KAFKA_BROKERS is unset; source .bitaqa/env written by infra/up.sh');

  return createKafka({ brokers, clientId: 'bitaqa-acl-test' }, logger);
}

/** Finds the kafkajs error `type` (TOPIC_AUTHORIZATION_FAILED, say) of an error or its causes. */
export function kafkaErrorType(error: unknown): string | undefined {
  let current: unknown = error;

  for (let depth = 0; depth < 5 && current; depth += 1) {
    const candidate = current as { cause?: unknown; originalError?: unknown; type?: unknown };

    if (typeof candidate.type === 'string') return candidate.type;
    current = candidate.originalError ?? candidate.cause;
  }

  return undefined;
}

/** Returns the error the promise rejects with; fails when it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }

  throw new Error('expected the request to fail, but it succeeded');
}

const TIMED_OUT = Symbol('timed out');

/**
 * Starts a consumer and returns the error it stops with: thrown while it joins, or reported by
 * the crash event of its run loop. Fails when no error comes within the timeout.
 */
export async function consumerFailure(
  kafka: Kafka,
  groupId: string,
  topic: string,
  timeoutMs = 20_000,
): Promise<unknown> {
  const consumer = kafka.consumer({ groupId, retry: { retries: 0 } });
  const crashed = new Promise<unknown>((resolve) => {
    consumer.on(consumer.events.CRASH, (event) => resolve(event.payload.error));
  });
  const abort = new AbortController();
  const timedOut = sleep(timeoutMs, TIMED_OUT, { signal: abort.signal }).catch(() => TIMED_OUT);

  try {
    const started = consumer
      .connect()
      .then(() => consumer.subscribe({ fromBeginning: true, topics: [topic] }))
      .then(() => consumer.run({ eachMessage: async () => undefined }))
      .then(
        () => crashed,
        (error: unknown) => error,
      );
    const outcome = await Promise.race([started, timedOut]);

    if (outcome === TIMED_OUT) {
      throw new Error(
        `consumer of ${topic} in group ${groupId} ran ${timeoutMs} ms without failing`,
      );
    }

    return outcome;
  } finally {
    abort.abort();
    await consumer.disconnect();
  }
}
