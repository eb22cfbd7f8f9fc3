import { z } from 'zod';

/** Settings of one civil-records instance, read from the environment by `loadConfig`. */
export interface CivilRecordsConfig {
  databaseUrl: string;
  /** Interface the HTTP server binds to. */
  host: string;
  kafkaBrokers: string;
  /** Prefix of every topic name; tests set a unique one, production leaves it empty. */
  kafkaTopicPrefix: string;
  logLevel: string;
  migrateOnStart: boolean;
  /** Outbox rows the relay sends per Kafka batch. */
  outboxBatchSize: number;
  /** TCP port of the HTTP server; 0 picks a free port. */
  port: number;
}

const booleanText = z.enum(['true', 'false']).transform((value) => value === 'true');

const environment = z.object({
  DATABASE_URL: z
    .string({ error: 'is required' })
    .regex(/^postgres(ql)?:\/\//, 'must be a PostgreSQL URL'),
  HOST: z.string().min(1).default('127.0.0.1'),
  KAFKA_BROKERS: z.string({ error: 'is required' }).min(1, 'must list at least one host:port'),
  KAFKA_TOPIC_PREFIX: z.string().default(''),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal']).default('info'),
  MIGRATE_ON_START: booleanText.default(true),
  OUTBOX_BATCH_SIZE: z.coerce.number().int().min(1).max(10_000).default(1000),
  PORT: z.coerce.number().int().min(0).max(65_535).default(3001),
});

const EXAMPLES: Record<string, string> = {
  DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/bitaqa_civil_records',
  HOST: '127.0.0.1',
  KAFKA_BROKERS: '127.0.0.1:19092',
  KAFKA_TOPIC_PREFIX: 'an empty value',
  LOG_LEVEL: 'info',
  MIGRATE_ON_START: 'true',
  OUTBOX_BATCH_SIZE: '1000',
  PORT: '3001',
};

/** A configuration variable is missing or invalid; the message names it and a good value. */
export class ConfigError extends Error {
  readonly code = 'INVALID_CONFIG';

  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Reads and checks the configuration, failing on the first bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): CivilRecordsConfig {
  const parsed = environment.safeParse(env);

  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0]);

      return `${name} ${issue.message} (for example ${EXAMPLES[name] ?? 'see README.md'})`;
    });

    throw new ConfigError(`invalid civil-records configuration: ${problems.join('; ')}`);
  }

  const values = parsed.data;

  return {
    databaseUrl: values.DATABASE_URL,
    host: values.HOST,
    kafkaBrokers: values.KAFKA_BROKERS,
    kafkaTopicPrefix: values.KAFKA_TOPIC_PREFIX,
    logLevel: values.LOG_LEVEL,
    migrateOnStart: values.MIGRATE_ON_START,
    outboxBatchSize: values.OUTBOX_BATCH_SIZE,
    port: values.PORT,
  };
}
