import { EVENTS } from './registry';
import { TOPICS, Topics, deadLetterTopic } from './topics';

describe('topic catalogue', () => {
  it('compacts the state topics only', () => {
    const compacted = TOPICS.filter((spec) => spec.cleanupPolicy === 'compact').map(
      (spec) => spec.name,
    );

    expect(compacted.sort()).toEqual(
      [Topics.authorityCardStatus, Topics.authorityKeyVersions, Topics.fuelPolicies].sort(),
    );
  });

  it('has a dead-letter topic per topic', () => {
    const names = new Set(TOPICS.map((spec) => spec.name));

    for (const topic of Object.values(Topics)) expect(names.has(deadLetterTopic(topic))).toBe(true);
  });

  it('every event travels on a catalogue topic', () => {
    const topics = new Set<string>(Object.values(Topics));

    for (const definition of Object.values(EVENTS)) {
      expect(topics.has(definition.topic)).toBe(true);
      expect(definition.type).toMatch(/^sy\.gov\.[a-z]+\.[a-z-]+\.v\d+$/);
    }
  });
});
