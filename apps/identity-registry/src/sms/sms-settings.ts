import { z } from 'zod';

/** Connection to the SMS operator's send endpoint. */
export interface SmsGatewaySettings {
  /** Tries per message, the first included, on timeouts and retriable responses. */
  maxAttempts: number;
  /** Wait before the second try, in milliseconds. Each later wait doubles. */
  retryBaseMs: number;
  timeoutMs: number;
  /** Bearer token the operator issued to the registry. */
  token: string;
  url: string;
}

/** One-time codes that confirm a mobile number. */
export interface OneTimeCodeSettings {
  /** Key of the HMAC-SHA256 stored in place of each code. Never logged. */
  hmacKey: string;
  /** Guesses allowed per code. */
  maxAttempts: number;
  /** Code requests allowed per identity within one window. */
  requestsPerIdentity: number;
  /** Code requests allowed per mobile number within one window, over all identities. */
  requestsPerNumber: number;
  requestWindowSeconds: number;
  /** Minimum seconds between two code requests for one identity. */
  resendIntervalSeconds: number;
  ttlSeconds: number;
}

/** The worker that sends queued notifications. */
export interface NotificationSettings {
  /** Messages sent at once. */
  batchSize: number;
  /** A notice not delivered this many seconds after it was queued fails. */
  maxAgeSeconds: number;
  pollIntervalMs: number;
  /** Wait before the first resend after a retriable failure. Later waits double. */
  retryBaseMs: number;
  retryMaxMs: number;
}

/** Everything mobile binding and SMS notifications need; absent when SMS_GATEWAY_URL is unset. */
export interface SmsSettings {
  gateway: SmsGatewaySettings;
  /** Identities one mobile number may be bound to at the same time. */
  maxIdentitiesPerNumber: number;
  notifications: NotificationSettings;
  oneTimeCodes: OneTimeCodeSettings;
}

const positive = (max: number) => z.coerce.number().int().min(1).max(max);

/** Environment variables of the SMS features, merged into the app's environment schema. */
export const smsEnvironmentShape = {
  MOBILE_MAX_IDENTITIES_PER_NUMBER: positive(50).default(6),
  NOTIFICATION_BATCH_SIZE: positive(100).default(8),
  NOTIFICATION_MAX_AGE_SECONDS: positive(7 * 86_400).default(86_400),
  NOTIFICATION_POLL_INTERVAL_MS: positive(60_000).default(1_000),
  NOTIFICATION_RETRY_BASE_MS: positive(3_600_000).default(5_000),
  NOTIFICATION_RETRY_MAX_MS: positive(86_400_000).default(300_000),
  OTP_HMAC_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  OTP_MAX_ATTEMPTS: positive(10).default(5),
  OTP_REQUESTS_PER_IDENTITY: positive(100).default(5),
  OTP_REQUESTS_PER_NUMBER: positive(100).default(10),
  OTP_REQUEST_WINDOW_SECONDS: positive(86_400).default(3_600),
  OTP_RESEND_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(3_600).default(60),
  OTP_TTL_SECONDS: positive(3_600).default(300),
  SMS_GATEWAY_MAX_ATTEMPTS: positive(10).default(3),
  SMS_GATEWAY_RETRY_BASE_MS: positive(60_000).default(250),
  SMS_GATEWAY_TIMEOUT_MS: positive(120_000).default(5_000),
  SMS_GATEWAY_TOKEN: z.string().min(1).optional(),
  SMS_GATEWAY_URL: z
    .string()
    .regex(/^https?:\/\/\S+$/, 'must be an http:// or https:// URL')
    .optional(),
};

export const SMS_EXAMPLES: Record<string, string> = {
  OTP_HMAC_KEY: '$(openssl rand -hex 32)',
  SMS_GATEWAY_TOKEN: 'token-issued-by-the-operator',
  SMS_GATEWAY_URL: 'http://127.0.0.1:3090/messages',
};

type SmsEnvironment = z.infer<z.ZodObject<typeof smsEnvironmentShape>>;

/** Adds an issue for each secret that SMS_GATEWAY_URL needs but the environment lacks. */
export function requireSmsSecrets(values: SmsEnvironment, context: z.RefinementCtx): void {
  if (values.SMS_GATEWAY_URL === undefined) return;

  for (const name of ['OTP_HMAC_KEY', 'SMS_GATEWAY_TOKEN'] as const) {
    if (values[name] === undefined) {
      context.addIssue({
        code: 'custom',
        message: 'is required with SMS_GATEWAY_URL',
        path: [name],
      });
    }
  }
}

/** The SMS variables alone, for tests and tools that build settings without a full config. */
export const smsEnvironment = z.object(smsEnvironmentShape).superRefine(requireSmsSecrets);

/** Maps parsed variables to settings, or returns undefined when no operator is configured. */
export function smsSettingsFrom(values: SmsEnvironment): SmsSettings | undefined {
  if (values.SMS_GATEWAY_URL === undefined) return undefined;

  return {
    gateway: {
      maxAttempts: values.SMS_GATEWAY_MAX_ATTEMPTS,
      retryBaseMs: values.SMS_GATEWAY_RETRY_BASE_MS,
      timeoutMs: values.SMS_GATEWAY_TIMEOUT_MS,
      token: values.SMS_GATEWAY_TOKEN ?? '',
      url: values.SMS_GATEWAY_URL,
    },
    maxIdentitiesPerNumber: values.MOBILE_MAX_IDENTITIES_PER_NUMBER,
    notifications: {
      batchSize: values.NOTIFICATION_BATCH_SIZE,
      maxAgeSeconds: values.NOTIFICATION_MAX_AGE_SECONDS,
      pollIntervalMs: values.NOTIFICATION_POLL_INTERVAL_MS,
      retryBaseMs: values.NOTIFICATION_RETRY_BASE_MS,
      retryMaxMs: values.NOTIFICATION_RETRY_MAX_MS,
    },
    oneTimeCodes: {
      hmacKey: values.OTP_HMAC_KEY ?? '',
      maxAttempts: values.OTP_MAX_ATTEMPTS,
      requestsPerIdentity: values.OTP_REQUESTS_PER_IDENTITY,
      requestsPerNumber: values.OTP_REQUESTS_PER_NUMBER,
      requestWindowSeconds: values.OTP_REQUEST_WINDOW_SECONDS,
      resendIntervalSeconds: values.OTP_RESEND_INTERVAL_SECONDS,
      ttlSeconds: values.OTP_TTL_SECONDS,
    },
  };
}
