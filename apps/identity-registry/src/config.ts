import { z } from 'zod';

import { AuthSettingsError, type VerifierSettings, verifierSettingsFromEnv } from '@bitaqa/auth';

import { TOKEN_AUDIENCE } from './auth/scopes';
import {
  requireSmsSecrets,
  SMS_EXAMPLES,
  smsEnvironmentShape,
  type SmsSettings,
  smsSettingsFrom,
} from './sms/sms-settings';

/** Settings of one identity-registry process, read from environment variables. */
export interface AppConfig {
  /**
   * Access token checks: the card authority's issuer name and public keys, from AUTH_ISSUER and
   * AUTH_JWKS_URL or AUTH_JWKS_FILE.
   */
  auth: VerifierSettings;
  databaseUrl: string;
  /** Interface the HTTP server binds to. */
  host: string;
  /** Seconds an identity stays in the Redis cache unless a change removes it sooner. */
  identityCacheTtlSeconds: number;
  kafkaBrokers: string;
  kafkaGroupId: string;
  /** Prepended to every topic name; test suites use it to share one broker. */
  kafkaTopicPrefix: string;
  logLevel: string;
  /** Whether boot creates the database if needed and applies pending migrations. */
  migrateOnStart: boolean;
  /** HTTP port; 0 picks a free one. */
  port: number;
  /** Requests an agency may make per rate-limit window, unless its policy sets its own number. */
  rateLimitRequests: number;
  /** Length of the fixed rate-limit window, in seconds. */
  rateLimitWindowSeconds: number;
  /** Prepended to every Redis key, so several instances or test suites can share one Redis. */
  redisKeyPrefix: string;
  redisUrl: string;
  /** SMS operator, one-time codes and notifications. Unset turns both features off. */
  sms?: SmsSettings;
}

export const APP_CONFIG = Symbol('APP_CONFIG');

const EXAMPLES: Record<string, string> = {
  DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/bitaqa_identity_registry',
  HOST: '127.0.0.1',
  IDENTITY_CACHE_TTL_SECONDS: '300',
  KAFKA_BROKERS: '127.0.0.1:19092',
  KAFKA_GROUP_ID: 'identity-registry',
  KAFKA_TOPIC_PREFIX: 'test-run-1.',
  LOG_LEVEL: 'info',
  MIGRATE_ON_START: 'true',
  PORT: '3002',
  RATE_LIMIT_REQUESTS: '600',
  RATE_LIMIT_WINDOW_SECONDS: '60',
  REDIS_KEY_PREFIX: 'identity-registry:',
  REDIS_URL: 'redis://127.0.0.1:6379',
  ...SMS_EXAMPLES,
};

const environmentSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a PostgreSQL URL starting with postgresql://'),
  HOST: z.string().min(1).default('127.0.0.1'),
  IDENTITY_CACHE_TTL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(300),
  KAFKA_BROKERS: z
    .string()
    .regex(/^[^,\s]+:\d+(,[^,\s]+:\d+)*$/, 'must be host:port pairs separated by commas'),
  KAFKA_GROUP_ID: z.string().min(1).default('identity-registry'),
  KAFKA_TOPIC_PREFIX: z.string().default(''),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal']).default('info'),
  MIGRATE_ON_START: z.enum(['true', 'false']).default('true'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3002),
  RATE_LIMIT_REQUESTS: z.coerce.number().int().min(1).max(1_000_000).default(600),
  RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  REDIS_KEY_PREFIX: z.string().default('identity-registry:'),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must be a Redis URL starting with redis://'),
  ...smsEnvironmentShape,
});

/** Thrown at boot when an environment variable is missing or invalid. */
export class ConfigError extends Error {
  readonly code = 'INVALID_CONFIG';

  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Reads the token check settings, or returns the problem with them as a message. */
function authSettings(env: NodeJS.ProcessEnv): VerifierSettings | string {
  try {
    return verifierSettingsFromEnv(TOKEN_AUDIENCE, env);
  } catch (error) {
    if (error instanceof AuthSettingsError) return error.message;
    throw error;
  }
}

/** Reads and validates the configuration; the error names each bad variable and a good value. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const auth = authSettings(env);
  const parsed = environmentSchema.superRefine(requireSmsSecrets).safeParse(env);

  if (!parsed.success || typeof auth === 'string') {
    const problems = (parsed.error?.issues ?? []).map((issue) => {
      const name = String(issue.path[0]);

      return `${name} ${issue.message} (for example ${name}=${EXAMPLES[name] ?? '...'})`;
    });

    if (typeof auth === 'string') problems.push(auth);
    throw new ConfigError(`invalid configuration: ${problems.join('; ')}`);
  }

  const values = parsed.data;

  return {
    auth,
    databaseUrl: values.DATABASE_URL,
    host: values.HOST,
    identityCacheTtlSeconds: values.IDENTITY_CACHE_TTL_SECONDS,
    kafkaBrokers: values.KAFKA_BROKERS,
    kafkaGroupId: values.KAFKA_GROUP_ID,
    kafkaTopicPrefix: values.KAFKA_TOPIC_PREFIX,
    logLevel: values.LOG_LEVEL,
    migrateOnStart: values.MIGRATE_ON_START === 'true',
    port: values.PORT,
    rateLimitRequests: values.RATE_LIMIT_REQUESTS,
    rateLimitWindowSeconds: values.RATE_LIMIT_WINDOW_SECONDS,
    redisKeyPrefix: values.REDIS_KEY_PREFIX,
    redisUrl: values.REDIS_URL,
    sms: smsSettingsFrom(values),
  };
}
