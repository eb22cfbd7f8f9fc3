import { ConfigError, loadConfig } from './config';

const REQUIRED = {
  DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/bitaqa_reader_gateway',
  KAFKA_BROKERS: '127.0.0.1:19092',
};

describe('reader-gateway config', () => {
  it('defaults to one encoder on vpcd slot 0', () => {
    const config = loadConfig(REQUIRED);

    expect(config.encoders).toEqual([{ id: 'encoder-1', readerName: 'Virtual PCD 00 00' }]);
    expect(config.port).toBe(3005);
    expect(config.maxCardsPerJob).toBe(3);
  });

  it('reads encoders with a simulated feeder', () => {
    const encoders = [
      { feeder: { vpcdPort: 35963 }, id: 'encoder-a', readerName: 'Virtual PCD 00 00' },
    ];
    const config = loadConfig({ ...REQUIRED, ENCODERS: JSON.stringify(encoders) });

    expect(config.encoders[0]!.feeder).toEqual({
      mode: 'swap',
      vpcdHost: '127.0.0.1',
      vpcdPort: 35963,
    });
  });

  it('names a missing variable', () => {
    expect(() => loadConfig({ KAFKA_BROKERS: '127.0.0.1:19092' })).toThrow(
      /DATABASE_URL is required/,
    );
  });

  it('gives each set of sites its own group', () => {
    const everySite = loadConfig(REQUIRED);
    const someSites = loadConfig({ ...REQUIRED, READER_SITES: 'SY02,SY01' });

    expect(everySite.sites).toBeNull();
    expect(everySite.kafkaGroupId).toBe('reader-gateway');
    expect(someSites.sites).toEqual(['SY02', 'SY01']);
    expect(someSites.kafkaGroupId).toBe('reader-gateway-SY01-SY02');
    expect(() => loadConfig({ ...REQUIRED, READER_SITES: 'sy01' })).toThrow(/READER_SITES/);
  });

  it('reads the site credential with the authority', () => {
    const config = loadConfig({
      ...REQUIRED,
      AUTHORITY_URL: 'http://127.0.0.1:3004',
      AUTH_TOKEN_URL: 'http://127.0.0.1:3004/oauth/token',
      READER_CLIENT_ID: 'reader-site-1',
      READER_CLIENT_SECRET: 'a-long-enough-secret',
    });

    expect(config.authorityCredentials).toEqual({
      clientId: 'reader-site-1',
      clientSecret: 'a-long-enough-secret',
      tokenUrl: 'http://127.0.0.1:3004/oauth/token',
    });
  });

  it('rejects an authority without credentials', () => {
    const load = () => loadConfig({ ...REQUIRED, AUTHORITY_URL: 'http://127.0.0.1:3004' });

    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/READER_CLIENT_ID/);
  });

  it.each([
    ['not JSON', '[{'],
    ['duplicate ids', '[{"id":"a","readerName":"R"},{"id":"a","readerName":"S"}]'],
    ['no encoders', '[]'],
  ])('rejects ENCODERS with %s', (_case, value) => {
    const load = () => loadConfig({ ...REQUIRED, ENCODERS: value });

    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/ENCODERS/);
  });
});
