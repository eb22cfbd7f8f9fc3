/**
 * Writes k8s/base/kafka/topics.yaml: one Strimzi KafkaTopic per entry of the topic catalogue.
 * Usage: node -r @swc-node/register infra/scripts/k8s-topics.ts [--check]
 * With --check it writes nothing and fails when the file differs from the catalogue.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { TOPICS } from '@bitaqa/contracts';

import { printLine, runMain } from './cli';
import { InfraError } from './infra-error';
import { renderStrimziTopics, type StrimziTopicOptions } from './strimzi-topics';

const TAG = 'k8s-topics';

/** Settings of the production cluster that k8s/base/kafka/kafka.yaml declares. */
export const K8S_TOPIC_OPTIONS: StrimziTopicOptions = {
  cluster: 'bitaqa',
  minInSyncReplicas: 2,
  namespace: 'kafka',
  replicas: 3,
};

export const K8S_TOPICS_PATH = join(__dirname, '..', '..', 'k8s', 'base', 'kafka', 'topics.yaml');

async function main(): Promise<void> {
  const rendered = renderStrimziTopics(TOPICS, K8S_TOPIC_OPTIONS);

  if (process.argv.includes('--check')) {
    const current = readFileSync(K8S_TOPICS_PATH, 'utf8');

    if (current !== rendered) {
      throw new InfraError(
        'K8S_TOPICS_STALE',
        `${K8S_TOPICS_PATH} differs from the topic catalogue; run infra/scripts/k8s-topics.ts`,
      );
    }

    printLine(TAG, `${K8S_TOPICS_PATH} matches the catalogue (${TOPICS.length} topics)`);

    return;
  }

  writeFileSync(K8S_TOPICS_PATH, rendered);
  printLine(TAG, `wrote ${TOPICS.length} KafkaTopic resources to ${K8S_TOPICS_PATH}`);
}

if (require.main === module) {
  runMain(TAG, main);
}
