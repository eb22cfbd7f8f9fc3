import { deadLetterTopic, type TopicName } from '@bitaqa/contracts';

/**
 * Name of a catalogue topic on the broker. A prefix lets test suites share one broker without
 * seeing each other's events; production runs without one.
 */
export function physicalTopic(topic: TopicName, prefix = ''): string {
  return `${prefix}${topic}`;
}

export function physicalDeadLetterTopic(topic: TopicName, prefix = ''): string {
  return `${prefix}${deadLetterTopic(topic)}`;
}
