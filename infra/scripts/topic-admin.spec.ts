import { InfraError } from './infra-error';
import { topicConfigEntries, validateTopicCatalogue, type TopicSettings } from './topic-admin';

const valid: TopicSettings = {
  cleanupPolicy: 'delete',
  name: 'civil.persons',
  partitions: 3,
  retentionMs: 1000,
};

function codeOf(action: () => void): string | undefined {
  try {
    action();
  } catch (error) {
    return error instanceof InfraError ? error.code : 'not an InfraError';
  }

  return undefined;
}

describe('validateTopicCatalogue', () => {
  it('accepts a valid catalogue', () => {
    expect(
      codeOf(() => validateTopicCatalogue([valid, { ...valid, name: 'civil.persons.dlq' }])),
    ).toBeUndefined();
  });

  it('rejects a duplicate name', () => {
    expect(codeOf(() => validateTopicCatalogue([valid, valid]))).toBe('TOPIC_DUPLICATE');
  });

  it.each(['', 'civil persons', 'civil/persons', 'x'.repeat(250)])('rejects name "%s"', (name) => {
    expect(codeOf(() => validateTopicCatalogue([{ ...valid, name }]))).toBe('TOPIC_NAME_INVALID');
  });

  it.each([0, -1, 1.5, Number.NaN])('rejects %s partitions', (partitions) => {
    expect(codeOf(() => validateTopicCatalogue([{ ...valid, partitions }]))).toBe(
      'TOPIC_PARTITIONS_INVALID',
    );
  });
});

describe('topicConfigEntries', () => {
  it('sets cleanup policy and retention', () => {
    expect(topicConfigEntries(valid)).toEqual([
      { name: 'cleanup.policy', value: 'delete' },
      { name: 'retention.ms', value: '1000' },
    ]);
  });

  it('omits retention when absent', () => {
    expect(topicConfigEntries({ cleanupPolicy: 'compact', name: 't', partitions: 1 })).toEqual([
      { name: 'cleanup.policy', value: 'compact' },
    ]);
  });
});
