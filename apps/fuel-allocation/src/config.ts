import { z } from 'zod';

/** Settings of the fuel-allocation service, read from the environment once at start-up. */
export interface FuelAllocationConfig {
  databasePoolSize: number;
  databaseUrl: string;
  kafkaBrokers: string;
  kafkaTopicPrefix: string;
  /** Interface the HTTP server binds to; containers set 0.0.0.0. */
  host?: string;
  logLevel: string;
  migrateOnStart: boolean;
  port: number;
  /** Wait for a pooled connection and run time of one transaction, in milliseconds. */
  transactionTimeoutMs: number;
  /** IANA time zone whose calendar days quota periods follow. */
  timeZone: string;
}

const booleanText = z.enum(['true', 'false']).transform((value) => value === 'true');

const environment = z.object({
  DATABASE_POOL_SIZE: z.coerce.number().int().min(2).max(100).default(10),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }),
  FUEL_TIME_ZONE: z
    .string()
    .refine((zone) => isKnownTimeZone(zone), 'unknown IANA time zone')
    .default('Asia/Damascus'),
  HOST: z.string().min(1).default('127.0.0.1'),
  KAFKA_BROKERS: z.string().min(1),
  KAFKA_TOPIC_PREFIX: z.string().default(''),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal']).default('info'),
  MIGRATE_ON_START: booleanText.default(true),
  PORT: z.coerce.number().int().min(0).max(65535).default(3003),
  TRANSACTION_TIMEOUT_MS: z.coerce.number().int().min(1000).max(120_000).default(15_000),
});

const EXAMPLES: Record<string, string> = {
  DATABASE_POOL_SIZE: '10',
  DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/bitaqa_fuel_allocation',
  FUEL_TIME_ZONE: 'Asia/Damascus',
  HOST: '127.0.0.1',
  KAFKA_BROKERS: '127.0.0.1:19092',
  LOG_LEVEL: 'info',
  MIGRATE_ON_START: 'true',
  PORT: '3003',
  TRANSACTION_TIMEOUT_MS: '15000',
};

function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-CA', { timeZone: zone });

    return true;
  } catch {
    return false;
  }
}

/** Thrown at start-up when an environment variable is missing or invalid. */
export class ConfigError extends Error {
  readonly code = 'INVALID_CONFIG';

  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Reads and validates the configuration; fails naming each bad variable and a good value. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): FuelAllocationConfig {
  const parsed = environment.safeParse(env);

  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0]);

      return `${name}: ${issue.message} (for example ${name}=${EXAMPLES[name] ?? '...'})`;
    });

    throw new ConfigError(`invalid configuration: ${problems.join('; ')}`);
  }

  const values = parsed.data;

  return {
    databasePoolSize: values.DATABASE_POOL_SIZE,
    databaseUrl: values.DATABASE_URL,
    kafkaBrokers: values.KAFKA_BROKERS,
    kafkaTopicPrefix: values.KAFKA_TOPIC_PREFIX,
    host: values.HOST,
    logLevel: values.LOG_LEVEL,
    migrateOnStart: values.MIGRATE_ON_START,
    port: values.PORT,
    timeZone: values.FUEL_TIME_ZONE,
    transactionTimeoutMs: values.TRANSACTION_TIMEOUT_MS,
  };
}
