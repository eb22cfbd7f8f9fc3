/**
 * Waits until the brokers in KAFKA_BROKERS respond to a metadata request from an admin client.
 * Usage: node -r @swc-node/register infra/scripts/kafka-ready.ts [--timeout SECONDS]
 */
import { setTimeout as sleep } from 'node:timers/promises';

import { printLine, readIntegerOption, runMain } from './cli';
import { brokersFromEnv, createKafka } from './kafka-client';
import { InfraError } from './infra-error';

const TAG = 'kafka-ready';
const DEFAULT_TIMEOUT_SECONDS = 60;

async function listTopicsOnce(brokers: string[]): Promise<string[]> {
  const admin = createKafka('bitaqa-infra-ready', brokers).admin();

  await admin.connect();

  try {
    return await admin.listTopics();
  } finally {
    await admin.disconnect();
  }
}

async function main(): Promise<void> {
  const brokers = brokersFromEnv();
  const timeoutSeconds = readIntegerOption(process.argv, '--timeout', DEFAULT_TIMEOUT_SECONDS);
  const deadline = Date.now() + timeoutSeconds * 1000;
  let lastError: unknown;

  while (Date.now() < deadline) {
    try {
      const topics = await listTopicsOnce(brokers);

      printLine(TAG, `brokers ${brokers.join(',')} listed ${topics.length} topics`);

      return;
    } catch (error) {
      lastError = error;
      await sleep(1000);
    }
  }

  const reason = lastError instanceof Error ? lastError.message : String(lastError);

  throw new InfraError(
    'KAFKA_NOT_READY',
    `brokers ${brokers.join(',')} did not list topics within ${timeoutSeconds} s: ${reason}`,
    { cause: lastError },
  );
}

runMain(TAG, main);
