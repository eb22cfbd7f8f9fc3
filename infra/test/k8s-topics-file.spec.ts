import { readFileSync } from 'node:fs';

import { TOPICS } from '@bitaqa/contracts';

import { K8S_TOPIC_OPTIONS, K8S_TOPICS_PATH } from '../scripts/k8s-topics';
import { renderStrimziTopics } from '../scripts/strimzi-topics';

describe('k8s/base/kafka/topics.yaml', () => {
  it('matches the topic catalogue', () => {
    // On failure, regenerate: node -r @swc-node/register infra/scripts/k8s-topics.ts
    expect(readFileSync(K8S_TOPICS_PATH, 'utf8')).toBe(
      renderStrimziTopics(TOPICS, K8S_TOPIC_OPTIONS),
    );
  });
});
