import { loadConfig } from '../config';

import { smsEnvironment, smsSettingsFrom } from './sms-settings';

describe('SMS settings', () => {
  it('are off without a gateway URL', () => {
    expect(smsSettingsFrom(smsEnvironment.parse({}))).toBeUndefined();
  });

  it('require the token and key with a URL', () => {
    const parsed = smsEnvironment.safeParse({ SMS_GATEWAY_URL: 'http://127.0.0.1:3090/messages' });
    const fields = parsed.error?.issues.map((issue) => issue.path[0]);

    expect(parsed.success).toBe(false);
    expect(fields).toEqual(['OTP_HMAC_KEY', 'SMS_GATEWAY_TOKEN']);
  });

  it('reject a short HMAC key', () => {
    const parsed = smsEnvironment.safeParse({
      OTP_HMAC_KEY: 'short',
      SMS_GATEWAY_TOKEN: 't',
      SMS_GATEWAY_URL: 'http://127.0.0.1:3090/messages',
    });

    expect(parsed.error?.issues[0]?.path).toEqual(['OTP_HMAC_KEY']);
  });

  it('apply the defaults', () => {
    const settings = smsSettingsFrom(
      smsEnvironment.parse({
        OTP_HMAC_KEY: 'k'.repeat(32),
        SMS_GATEWAY_TOKEN: 't',
        SMS_GATEWAY_URL: 'https://sms.example/messages',
      }),
    );

    expect(settings).toMatchObject({
      gateway: { maxAttempts: 3, timeoutMs: 5_000, url: 'https://sms.example/messages' },
      maxIdentitiesPerNumber: 6,
      oneTimeCodes: {
        maxAttempts: 5,
        requestsPerIdentity: 5,
        resendIntervalSeconds: 60,
        ttlSeconds: 300,
      },
    });
  });
});

describe('loadConfig with SMS settings', () => {
  const base = {
    AUTH_ISSUER: 'bitaqa-card-authority',
    AUTH_JWKS_FILE: '/etc/bitaqa/token-jwks.json',
    DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/bitaqa_identity_registry',
    KAFKA_BROKERS: '127.0.0.1:19092',
    REDIS_URL: 'redis://127.0.0.1:6379',
  };

  it('leaves SMS off by default', () => {
    expect(loadConfig(base).sms).toBeUndefined();
  });

  it('reads the operator settings', () => {
    const config = loadConfig({
      ...base,
      OTP_HMAC_KEY: 'k'.repeat(32),
      OTP_TTL_SECONDS: '120',
      SMS_GATEWAY_TOKEN: 'token',
      SMS_GATEWAY_URL: 'http://127.0.0.1:3090/messages',
    });

    expect(config.sms?.gateway.url).toBe('http://127.0.0.1:3090/messages');
    expect(config.sms?.oneTimeCodes.ttlSeconds).toBe(120);
  });

  it('names the missing secret', () => {
    expect(() =>
      loadConfig({ ...base, OTP_HMAC_KEY: 'k'.repeat(32), SMS_GATEWAY_URL: 'http://x/messages' }),
    ).toThrow(
      /SMS_GATEWAY_TOKEN is required with SMS_GATEWAY_URL \(for example SMS_GATEWAY_TOKEN=/,
    );
  });
});
