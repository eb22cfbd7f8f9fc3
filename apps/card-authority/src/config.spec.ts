import { ConfigError, loadConfig } from './config';

const REQUIRED = {
  DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/bitaqa_card_authority',
  KAFKA_BROKERS: '127.0.0.1:19092',
};

describe('loadConfig', () => {
  it('applies defaults', () => {
    expect(loadConfig(REQUIRED)).toEqual({
      databaseUrl: REQUIRED.DATABASE_URL,
      expiryIntervalMs: 3_600_000,
      host: '127.0.0.1',
      hotlistRebuildBatchSize: 500,
      kafkaBrokers: '127.0.0.1:19092',
      kafkaGroupId: 'card-authority',
      kafkaTopicPrefix: '',
      logLevel: 'info',
      migrateOnStart: true,
      port: 3004,
    });
  });

  it('reads every variable', () => {
    const config = loadConfig({
      ...REQUIRED,
      CARD_EXPIRY_INTERVAL_MS: '0',
      HOST: '0.0.0.0',
      HOTLIST_REBUILD_BATCH_SIZE: '50',
      KAFKA_GROUP_ID: 'authority-2',
      KAFKA_TOPIC_PREFIX: 'staging.',
      LOG_LEVEL: 'debug',
      MIGRATE_ON_START: 'false',
      PORT: '0',
    });

    expect(config.expiryIntervalMs).toBe(0);
    expect(config.host).toBe('0.0.0.0');
    expect(config.hotlistRebuildBatchSize).toBe(50);
    expect(config.kafkaGroupId).toBe('authority-2');
    expect(config.kafkaTopicPrefix).toBe('staging.');
    expect(config.logLevel).toBe('debug');
    expect(config.migrateOnStart).toBe(false);
    expect(config.port).toBe(0);
  });

  it('names missing variables with examples', () => {
    expect(() => loadConfig({})).toThrow(ConfigError);
    expect(() => loadConfig({})).toThrow(
      /DATABASE_URL is missing \(for example DATABASE_URL=postgresql:/,
    );
    expect(() => loadConfig({})).toThrow(
      /KAFKA_BROKERS is missing \(for example KAFKA_BROKERS=127/,
    );
  });

  it('rejects a bad port', () => {
    expect(() => loadConfig({ ...REQUIRED, PORT: '70000' })).toThrow(/PORT .*PORT=3004/);
  });

  it('rejects a broker list without ports', () => {
    expect(() => loadConfig({ ...REQUIRED, KAFKA_BROKERS: 'localhost' })).toThrow(
      /KAFKA_BROKERS must be host:port pairs/,
    );
  });
});
