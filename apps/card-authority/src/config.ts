import { z } from 'zod';

/** Settings of one card-authority process, read from environment variables. */
export interface AppConfig {
  databaseUrl: string;
  /** Milliseconds between runs of the job that expires cards past their expiry date; 0 stops it. */
  expiryIntervalMs: number;
  /** Cards republished per transaction by a hotlist rebuild. */
  hotlistRebuildBatchSize: number;
  /** Interface the HTTP server binds to. */
  host: string;
  kafkaBrokers: string;
  kafkaGroupId: string;
  /** Prepended to every topic name; test suites use it to share one broker. */
  kafkaTopicPrefix: string;
  logLevel: string;
  /** Whether boot creates the database if needed and applies pending migrations. */
  migrateOnStart: boolean;
  /** HTTP port; 0 picks a free one. */
  port: number;
}

export const APP_CONFIG = Symbol('APP_CONFIG');

const EXAMPLES: Record<string, string> = {
  CARD_EXPIRY_INTERVAL_MS: '3600000',
  DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/bitaqa_card_authority',
  HOST: '127.0.0.1',
  HOTLIST_REBUILD_BATCH_SIZE: '500',
  KAFKA_BROKERS: '127.0.0.1:19092',
  KAFKA_GROUP_ID: 'card-authority',
  LOG_LEVEL: 'info',
  MIGRATE_ON_START: 'true',
  PORT: '3004',
};

const environmentSchema = z.object({
  CARD_EXPIRY_INTERVAL_MS: z.coerce
    .number()
    .int()
    .min(0)
    .max(24 * 60 * 60 * 1000)
    .default(60 * 60 * 1000),
  DATABASE_URL: z
    .string({ error: 'is missing' })
    .regex(/^postgres(ql)?:\/\//, 'must be a PostgreSQL URL starting with postgresql://'),
  HOST: z.string().min(1).default('127.0.0.1'),
  HOTLIST_REBUILD_BATCH_SIZE: z.coerce.number().int().min(1).max(10_000).default(500),
  KAFKA_BROKERS: z
    .string({ error: 'is missing' })
    .regex(/^[^,\s]+:\d+(,[^,\s]+:\d+)*$/, 'must be host:port pairs separated by commas'),
  KAFKA_GROUP_ID: z.string().min(1).default('card-authority'),
  KAFKA_TOPIC_PREFIX: z.string().default(''),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal']).default('info'),
  MIGRATE_ON_START: z.enum(['true', 'false']).default('true'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3004),
});

/** Thrown at boot when an environment variable is missing or invalid. */
export class ConfigError extends Error {
  readonly code = 'INVALID_CONFIG';

  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Reads and validates the configuration; the error names each bad variable and a good value. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = environmentSchema.safeParse(env);

  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0]);

      return `${name} ${issue.message} (for example ${name}=${EXAMPLES[name] ?? '...'})`;
    });

    throw new ConfigError(`invalid configuration: ${problems.join('; ')}`);
  }

  const values = parsed.data;

  return {
    databaseUrl: values.DATABASE_URL,
    expiryIntervalMs: values.CARD_EXPIRY_INTERVAL_MS,
    hotlistRebuildBatchSize: values.HOTLIST_REBUILD_BATCH_SIZE,
    host: values.HOST,
    kafkaBrokers: values.KAFKA_BROKERS,
    kafkaGroupId: values.KAFKA_GROUP_ID,
    kafkaTopicPrefix: values.KAFKA_TOPIC_PREFIX,
    logLevel: values.LOG_LEVEL,
    migrateOnStart: values.MIGRATE_ON_START === 'true',
    port: values.PORT,
  };
}
