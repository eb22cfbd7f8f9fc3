import { renderStrimziTopics, topicResourceName, type StrimziTopicOptions } from './strimzi-topics';

const options: StrimziTopicOptions = {
  cluster: 'bitaqa',
  minInSyncReplicas: 2,
  namespace: 'kafka',
  replicas: 3,
};

describe('topicResourceName', () => {
  it('replaces dots and underscores', () => {
    expect(topicResourceName('authority.card_status.dlq')).toBe('authority-card-status-dlq');
  });
});

describe('renderStrimziTopics', () => {
  it('renders one sorted resource per topic', () => {
    const yaml = renderStrimziTopics(
      [
        { cleanupPolicy: 'delete', name: 'fuel.redemptions', partitions: 3, retentionMs: 5 },
        { cleanupPolicy: 'compact', name: 'authority.card-status', partitions: 3, retentionMs: -1 },
      ],
      options,
    );
    const documents = yaml.split('\n---\n').slice(1);

    expect(documents).toHaveLength(2);
    expect(documents[0]).toContain('  name: authority-card-status\n');
    expect(documents[0]).toContain('  topicName: authority.card-status\n');
    expect(documents[0]).toContain('    cleanup.policy: "compact"\n');
    expect(documents[1]).toContain('    retention.ms: "5"\n');
    expect(documents[1]).toContain('  replicas: 3\n');
    expect(documents[1]).toContain('    strimzi.io/cluster: bitaqa\n');
    expect(documents[1]).toContain('    min.insync.replicas: "2"');
  });

  it('rejects names that collide as resources', () => {
    const render = () =>
      renderStrimziTopics(
        [
          { cleanupPolicy: 'delete', name: 'a.b', partitions: 1 },
          { cleanupPolicy: 'delete', name: 'a_b', partitions: 1 },
        ],
        options,
      );

    expect(render).toThrow('same Kubernetes resource name');
  });
});
