import { z } from 'zod';

import {
  DEFAULT_IDENTITY_REGISTRY_URL,
  DEFAULT_TURN_SETTINGS,
  minuteOfDay,
  turnSettingsProblems,
  type TurnSettings,
} from './turns/turn-settings';

/** A client credential and the card authority's token endpoint that accepts it. */
export interface ServiceCredentials {
  clientId: string;
  clientSecret: string;
  /** The card authority's `/oauth/token` URL. */
  tokenUrl: string;
}

/** Settings of the fuel-allocation service, read from the environment once at start-up. */
export interface FuelAllocationConfig {
  databasePoolSize: number;
  databaseUrl: string;
  kafkaBrokers: string;
  kafkaTopicPrefix: string;
  /** Interface the HTTP server binds to; containers set 0.0.0.0. */
  host?: string;
  /**
   * This service's credential at the card authority, which issues the tokens of its calls to
   * the identity registry. The client secret is never logged. Without it SMS notices fail.
   */
  identityRegistryCredentials?: ServiceCredentials;
  /** Base URL of the identity registry, which sends SMS notices; defaults to its local port. */
  identityRegistryUrl?: string;
  /** Folder whose CSV files `POST /legacy-imports` may read; the endpoint is off without it. */
  legacyImportDir?: string;
  logLevel: string;
  migrateOnStart: boolean;
  port: number;
  /** Wait for a pooled connection and run time of one transaction, in milliseconds. */
  transactionTimeoutMs: number;
  /** IANA time zone whose calendar days quota periods follow. */
  timeZone: string;
  /** Distributor turn queues; DEFAULT_TURN_SETTINGS when absent. */
  turns?: TurnSettings;
}

const booleanText = z.enum(['true', 'false']).transform((value) => value === 'true');

const timeOfDay = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'time of day HH:MM')
  .transform(minuteOfDay);

const environment = z.object({
  AUTH_TOKEN_URL: z.url({ protocol: /^https?$/ }).optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(2).max(100).default(10),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }),
  FUEL_CLIENT_ID: z.string().min(1).max(200).optional(),
  FUEL_CLIENT_SECRET: z.string().min(1).max(500).optional(),
  FUEL_TIME_ZONE: z
    .string()
    .refine((zone) => isKnownTimeZone(zone), 'unknown IANA time zone')
    .default('Asia/Damascus'),
  HOST: z.string().min(1).default('127.0.0.1'),
  IDENTITY_REGISTRY_URL: z.url({ protocol: /^https?$/ }).default(DEFAULT_IDENTITY_REGISTRY_URL),
  KAFKA_BROKERS: z.string().min(1),
  KAFKA_TOPIC_PREFIX: z.string().default(''),
  LEGACY_IMPORT_DIR: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal']).default('info'),
  MIGRATE_ON_START: booleanText.default(true),
  PORT: z.coerce.number().int().min(0).max(65535).default(3003),
  TRANSACTION_TIMEOUT_MS: z.coerce.number().int().min(1000).max(120_000).default(15_000),
  TURN_DAY_END: timeOfDay.default(DEFAULT_TURN_SETTINGS.dayEndMinute),
  TURN_DAY_START: timeOfDay.default(DEFAULT_TURN_SETTINGS.dayStartMinute),
  TURN_MAX_EXPIRIES: z.coerce
    .number()
    .int()
    .min(1)
    .max(10)
    .default(DEFAULT_TURN_SETTINGS.maxExpiriesPerPeriod),
  TURN_NOTICE_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(100)
    .max(60_000)
    .default(DEFAULT_TURN_SETTINGS.noticeTimeoutMs),
  TURN_SCHEDULER_INTERVAL_MS: z.coerce
    .number()
    .int()
    .refine((ms) => ms === 0 || (ms >= 1_000 && ms <= 3_600_000), '0, or 1000 to 3600000')
    .default(DEFAULT_TURN_SETTINGS.schedulerIntervalMs),
  TURN_SLOT_MINUTES: z.coerce
    .number()
    .int()
    .min(15)
    .max(720)
    .default(DEFAULT_TURN_SETTINGS.slotMinutes),
});

const EXAMPLES: Record<string, string> = {
  AUTH_TOKEN_URL: 'http://127.0.0.1:3004/oauth/token',
  DATABASE_POOL_SIZE: '10',
  DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/bitaqa_fuel_allocation',
  FUEL_CLIENT_ID: 'fuel-allocation',
  FUEL_TIME_ZONE: 'Asia/Damascus',
  HOST: '127.0.0.1',
  IDENTITY_REGISTRY_URL: DEFAULT_IDENTITY_REGISTRY_URL,
  KAFKA_BROKERS: '127.0.0.1:19092',
  LEGACY_IMPORT_DIR: '/srv/fuel/legacy-imports',
  LOG_LEVEL: 'info',
  MIGRATE_ON_START: 'true',
  PORT: '3003',
  TRANSACTION_TIMEOUT_MS: '15000',
  TURN_DAY_END: '16:00',
  TURN_DAY_START: '08:00',
  TURN_MAX_EXPIRIES: '2',
  TURN_NOTICE_TIMEOUT_MS: '5000',
  TURN_SCHEDULER_INTERVAL_MS: '60000',
  TURN_SLOT_MINUTES: '120',
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

/** Returns the service credential when all three variables are set, undefined when none is. */
function credentialsOf(values: {
  AUTH_TOKEN_URL?: string | undefined;
  FUEL_CLIENT_ID?: string | undefined;
  FUEL_CLIENT_SECRET?: string | undefined;
}): ServiceCredentials | undefined {
  const { AUTH_TOKEN_URL: tokenUrl, FUEL_CLIENT_ID: clientId } = values;
  const clientSecret = values.FUEL_CLIENT_SECRET;

  if (tokenUrl === undefined && clientId === undefined && clientSecret === undefined) {
    return undefined;
  }

  if (tokenUrl === undefined || clientId === undefined || clientSecret === undefined) {
    const missing = Object.entries({
      AUTH_TOKEN_URL: tokenUrl,
      FUEL_CLIENT_ID: clientId,
      FUEL_CLIENT_SECRET: clientSecret,
    }).filter(([, value]) => value === undefined);

    throw new ConfigError(
      `invalid configuration: ${missing.map(([name]) => name).join(', ')} missing; set ` +
        'AUTH_TOKEN_URL, FUEL_CLIENT_ID and FUEL_CLIENT_SECRET together to the credential ' +
        'the card authority issued to fuel allocation, or none of them',
    );
  }

  return { clientId, clientSecret, tokenUrl };
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
  const turns: TurnSettings = {
    ...DEFAULT_TURN_SETTINGS,
    dayEndMinute: values.TURN_DAY_END,
    dayStartMinute: values.TURN_DAY_START,
    maxExpiriesPerPeriod: values.TURN_MAX_EXPIRIES,
    noticeTimeoutMs: values.TURN_NOTICE_TIMEOUT_MS,
    schedulerIntervalMs: values.TURN_SCHEDULER_INTERVAL_MS,
    slotMinutes: values.TURN_SLOT_MINUTES,
  };
  const turnProblems = turnSettingsProblems(turns);

  if (turnProblems.length > 0) {
    throw new ConfigError(`invalid configuration: ${turnProblems.join('; ')}`);
  }

  return {
    databasePoolSize: values.DATABASE_POOL_SIZE,
    databaseUrl: values.DATABASE_URL,
    kafkaBrokers: values.KAFKA_BROKERS,
    kafkaTopicPrefix: values.KAFKA_TOPIC_PREFIX,
    host: values.HOST,
    identityRegistryCredentials: credentialsOf(values),
    identityRegistryUrl: values.IDENTITY_REGISTRY_URL,
    legacyImportDir: values.LEGACY_IMPORT_DIR,
    logLevel: values.LOG_LEVEL,
    migrateOnStart: values.MIGRATE_ON_START,
    port: values.PORT,
    timeZone: values.FUEL_TIME_ZONE,
    transactionTimeoutMs: values.TRANSACTION_TIMEOUT_MS,
    turns,
  };
}
