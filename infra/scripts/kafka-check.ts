/**
 * Produces and consumes one message through the brokers in KAFKA_BROKERS on a throwaway topic,
 * then deletes the topic. Usage: node -r @swc-node/register infra/scripts/kafka-check.ts
 */
import { printLine, readIntegerOption, runMain } from './cli';
import { brokersFromEnv, createKafka } from './kafka-client';
import { kafkaRoundTrip } from './kafka-round-trip';

const TAG = 'kafka-check';
const DEFAULT_TIMEOUT_SECONDS = 30;

async function main(): Promise<void> {
  const brokers = brokersFromEnv();
  const timeoutSeconds = readIntegerOption(process.argv, '--timeout', DEFAULT_TIMEOUT_SECONDS);
  const result = await kafkaRoundTrip(
    createKafka('bitaqa-infra-check', brokers),
    timeoutSeconds * 1000,
  );

  printLine(
    TAG,
    `produced and consumed 1 message on ${result.topic} in ${result.elapsedMs} ms, topic deleted`,
  );
}

runMain(TAG, main);
