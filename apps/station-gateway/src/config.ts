import { join } from 'node:path';

import { z } from 'zod';

/** Settings the station gateway reads from its environment, validated once at start-up. */
export interface StationConfig {
  /** Base URL of the card authority, the source of issuer certificates; unset keeps the file's. */
  cardAuthorityUrl: string | undefined;
  /** Time limit of one call to the card authority, in milliseconds. */
  cardAuthorityTimeoutMs: number;
  /** How long POST /transactions waits for a card in the reader, in milliseconds. */
  cardWaitMs: number;
  /** SQLite file of the station's cache and transaction log. */
  databasePath: string;
  /** Pause before the first retry of a failed fuel-allocation call, in milliseconds; doubles per retry. */
  fuelAllocationBackoffMs: number;
  /** Calls to fuel-allocation per redemption, the first one included. */
  fuelAllocationMaxAttempts: number;
  /** Time limit of one call to fuel-allocation, in milliseconds. */
  fuelAllocationTimeoutMs: number;
  fuelAllocationUrl: string;
  /**
   * Key fuel-allocation issued to this station (POST /stations/:id/keys); sent as a bearer token
   * with every redemption. A secret: never logged. Without it fuel-allocation refuses sales.
   */
  fuelStationKey: string | undefined;
  /** Interface the HTTP server binds to; containers set 0.0.0.0. */
  host?: string;
  /** JSON file of issuer certificates loaded at start, for a station set up offline. */
  issuerCertificatesFile: string | undefined;
  kafkaBrokers: string;
  kafkaTopicPrefix: string;
  logLevel: string;
  /** Pause between polls of the SQLite outbox when it is empty, in milliseconds. */
  outboxPollMs: number;
  /** HTTP port; 0 picks a free one. */
  port: number;
  /** PC/SC reader name; when unset, the reader whose name ends in slot 1 (vpcd's second slot). */
  readerName: string | undefined;
  stationId: string;
  /** IANA time zone of the station's calendar, which decides when a card has expired. */
  timeZone: string;
  /** Pause between fetches of the issuer certificates from the card authority, in milliseconds. */
  trustAnchorRefreshMs: number;
}

export class ConfigError extends Error {
  readonly code = 'INVALID_CONFIG';

  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });

    return true;
  } catch {
    return false;
  }
}

const integer = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const envSchema = z.object({
  CARD_AUTHORITY_TIMEOUT_MS: integer(100, 120_000).default(5_000),
  CARD_AUTHORITY_URL: z.url({ protocol: /^https?$/ }).optional(),
  CARD_WAIT_MS: integer(0, 120_000).default(5_000),
  FUEL_ALLOCATION_BACKOFF_MS: integer(0, 60_000).default(200),
  FUEL_ALLOCATION_MAX_ATTEMPTS: integer(1, 10).default(4),
  FUEL_ALLOCATION_TIMEOUT_MS: integer(100, 120_000).default(5_000),
  FUEL_ALLOCATION_URL: z.url({ protocol: /^https?$/ }).default('http://127.0.0.1:3003'),
  // Empty counts as unset, so a compose file can pass the variable through when it is not set.
  FUEL_STATION_KEY: z
    .string()
    .regex(/^([A-Za-z0-9_-]{1,200})?$/, 'letters, digits, underscore and hyphen only')
    .optional()
    .transform((key) => key || undefined),
  KAFKA_BROKERS: z.string().min(1).default('127.0.0.1:19092'),
  KAFKA_TOPIC_PREFIX: z.string().default(''),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
  PORT: integer(0, 65_535).default(3006),
  HOST: z.string().min(1).default('127.0.0.1'),
  ISSUER_CERTIFICATES_FILE: z.string().min(1).optional(),
  OUTBOX_POLL_MS: integer(10, 60_000).default(500),
  STATION_DB_PATH: z.string().min(1).optional(),
  STATION_ID: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,59}$/),
  STATION_READER: z.string().min(1).optional(),
  STATION_TIME_ZONE: z
    .string()
    .refine(isTimeZone, 'unknown IANA time zone')
    .default('Asia/Damascus'),
  TRUST_ANCHOR_REFRESH_MS: integer(1_000, 7 * 86_400_000).default(3_600_000),
});

/** A valid example of each variable, quoted in the error when a variable is missing or wrong. */
const EXAMPLES: Record<keyof z.infer<typeof envSchema>, string> = {
  CARD_AUTHORITY_TIMEOUT_MS: '5000',
  CARD_AUTHORITY_URL: 'http://127.0.0.1:3004',
  CARD_WAIT_MS: '5000',
  FUEL_ALLOCATION_BACKOFF_MS: '200',
  FUEL_ALLOCATION_MAX_ATTEMPTS: '4',
  FUEL_ALLOCATION_TIMEOUT_MS: '5000',
  FUEL_ALLOCATION_URL: 'http://127.0.0.1:3003',
  FUEL_STATION_KEY: 'the key printed by POST /stations/ST-SY01-001/keys',
  HOST: '127.0.0.1',
  ISSUER_CERTIFICATES_FILE: '/etc/bitaqa/issuer-certificates.json',
  OUTBOX_POLL_MS: '500',
  KAFKA_BROKERS: '127.0.0.1:19092',
  KAFKA_TOPIC_PREFIX: 'an empty value, or test-run-1.',
  LOG_LEVEL: 'info',
  PORT: '3006',
  STATION_DB_PATH: '.bitaqa/station/ST-SY01-001.sqlite',
  STATION_ID: 'ST-SY01-001 (letters, digits, dot, dash, underscore; at most 60)',
  STATION_READER: 'Virtual PCD 01',
  STATION_TIME_ZONE: 'Asia/Damascus',
  TRUST_ANCHOR_REFRESH_MS: '3600000',
};

/** Reads the station's configuration from environment variables; fails naming the bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): StationConfig {
  const parsed = envSchema.safeParse(env);

  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? 'environment') as keyof typeof EXAMPLES;

    const problem = env[name] === undefined ? 'is missing' : `is invalid (${issue?.message})`;

    throw new ConfigError(`${name} ${problem}; set it to a value such as ${EXAMPLES[name]}`);
  }

  const vars = parsed.data;

  return {
    cardAuthorityTimeoutMs: vars.CARD_AUTHORITY_TIMEOUT_MS,
    cardAuthorityUrl: vars.CARD_AUTHORITY_URL?.replace(/\/+$/, ''),
    cardWaitMs: vars.CARD_WAIT_MS,
    databasePath: vars.STATION_DB_PATH ?? join('.bitaqa', 'station', `${vars.STATION_ID}.sqlite`),
    fuelAllocationBackoffMs: vars.FUEL_ALLOCATION_BACKOFF_MS,
    fuelAllocationMaxAttempts: vars.FUEL_ALLOCATION_MAX_ATTEMPTS,
    fuelAllocationTimeoutMs: vars.FUEL_ALLOCATION_TIMEOUT_MS,
    fuelAllocationUrl: vars.FUEL_ALLOCATION_URL.replace(/\/+$/, ''),
    fuelStationKey: vars.FUEL_STATION_KEY,
    kafkaBrokers: vars.KAFKA_BROKERS,
    kafkaTopicPrefix: vars.KAFKA_TOPIC_PREFIX,
    host: vars.HOST,
    issuerCertificatesFile: vars.ISSUER_CERTIFICATES_FILE,
    logLevel: vars.LOG_LEVEL,
    outboxPollMs: vars.OUTBOX_POLL_MS,
    port: vars.PORT,
    readerName: vars.STATION_READER,
    stationId: vars.STATION_ID,
    timeZone: vars.STATION_TIME_ZONE,
    trustAnchorRefreshMs: vars.TRUST_ANCHOR_REFRESH_MS,
  };
}

/**
 * Kafka consumer group of one station, so each station reads the compacted topics in full. The
 * topic prefix is part of it, so test suites that share a broker never join each other's group.
 */
export function consumerGroupId(
  config: Pick<StationConfig, 'kafkaTopicPrefix' | 'stationId'>,
): string {
  return `${config.kafkaTopicPrefix}station-gateway-${config.stationId}`;
}
