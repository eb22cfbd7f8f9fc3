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
