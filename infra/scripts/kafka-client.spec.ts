import { brokersFromEnv, DEFAULT_KAFKA_BROKERS } from './kafka-client';
import { InfraError } from './infra-error';

describe('brokersFromEnv', () => {
  it('defaults to the local broker', () => {
    expect(brokersFromEnv({})).toEqual([DEFAULT_KAFKA_BROKERS]);
  });

  it('splits and trims a list', () => {
    expect(brokersFromEnv({ KAFKA_BROKERS: 'a:9092, b:9093 ,' })).toEqual(['a:9092', 'b:9093']);
  });

  it.each(['', ' , ', 'kafka', 'kafka:', 'kafka:port', 'ka fka:9092'])('rejects "%s"', (value) => {
    expect(() => brokersFromEnv({ KAFKA_BROKERS: value })).toThrow(InfraError);
  });
});
