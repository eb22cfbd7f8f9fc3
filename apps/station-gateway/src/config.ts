import { join } from 'node:path';

import { z } from 'zod';

import type { TokenSource } from '@bitaqa/auth';

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
   * Tokens sent with each redemption in place of those fetched with `stationCredentials`;
   * tests sign their own. Never read from the environment.
   */
  fuelAllocationTokens?: TokenSource;
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
  /**
   * The station's credential of kind station at the card authority, which issues the tokens
   * sent to fuel-allocation. The secret is never logged. Without it fuel-allocation rejects sales.
   */
  stationCredentials: StationCredentials | undefined;
  stationId: string;
  /** IANA time zone of the station's calendar, which decides when a card has expired. */
  timeZone: string;
  /** Pause between fetches of the issuer certificates from the card authority, in milliseconds. */
  trustAnchorRefreshMs: number;
}

/** A client credential and the card authority's token endpoint that accepts it. */
export interface StationCredentials {
  clientId: string;
  clientSecret: string;
  /** The card authority's `/oauth/token` URL. */
  tokenUrl: string;
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

/** Empty counts as unset, so a compose file can pass a variable through when it is not set. */
const optionalText = (max: number) =>
  z
    .string()
    .max(max)
    .optional()
    .transform((value) => value || undefined);

const envSchema = z.object({
  AUTH_TOKEN_URL: z
    .union([z.literal(''), z.url({ protocol: /^https?$/ })])
    .optional()
    .transform((url) => url || undefined),
  CARD_AUTHORITY_TIMEOUT_MS: integer(100, 120_000).default(5_000),
  CARD_AUTHORITY_URL: z.url({ protocol: /^https?$/ }).optional(),
  CARD_WAIT_MS: integer(0, 120_000).default(5_000),
  FUEL_ALLOCATION_BACKOFF_MS: integer(0, 60_000).default(200),
  FUEL_ALLOCATION_MAX_ATTEMPTS: integer(1, 10).default(4),
  FUEL_ALLOCATION_TIMEOUT_MS: integer(100, 120_000).default(5_000),
  FUEL_ALLOCATION_URL: z.url({ protocol: /^https?$/ }).default('http://127.0.0.1:3003'),
  KAFKA_BROKERS: z.string().min(1).default('127.0.0.1:19092'),
  KAFKA_TOPIC_PREFIX: z.string().default(''),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
  PORT: integer(0, 65_535).default(3006),
  HOST: z.string().min(1).default('127.0.0.1'),
  ISSUER_CERTIFICATES_FILE: optionalText(1_000),
  OUTBOX_POLL_MS: integer(10, 60_000).default(500),
  STATION_CLIENT_ID: optionalText(200),
  STATION_CLIENT_SECRET: optionalText(500),
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
  AUTH_TOKEN_URL: 'http://127.0.0.1:3004/oauth/token',
  CARD_AUTHORITY_TIMEOUT_MS: '5000',
  CARD_AUTHORITY_URL: 'http://127.0.0.1:3004',
  CARD_WAIT_MS: '5000',
  FUEL_ALLOCATION_BACKOFF_MS: '200',
  FUEL_ALLOCATION_MAX_ATTEMPTS: '4',
  FUEL_ALLOCATION_TIMEOUT_MS: '5000',
  FUEL_ALLOCATION_URL: 'http://127.0.0.1:3003',
  HOST: '127.0.0.1',
  ISSUER_CERTIFICATES_FILE: '/etc/bitaqa/issuer-certificates.json',
  OUTBOX_POLL_MS: '500',
  KAFKA_BROKERS: '127.0.0.1:19092',
  KAFKA_TOPIC_PREFIX: 'an empty value, or test-run-1.',
  LOG_LEVEL: 'info',
  PORT: '3006',
  STATION_CLIENT_ID: 'station-ST-SY01-001',
  STATION_CLIENT_SECRET: 'the secret the card authority showed when it created the credential',
  STATION_DB_PATH: '.bitaqa/station/ST-SY01-001.sqlite',
  STATION_ID: 'ST-SY01-001 (letters, digits, dot, dash, underscore; at most 60)',
  STATION_READER: 'Virtual PCD 01',
  STATION_TIME_ZONE: 'Asia/Damascus',
  TRUST_ANCHOR_REFRESH_MS: '3600000',
};

/** Returns the station's credential when all three variables are set, undefined when none is. */
function stationCredentials(vars: {
  AUTH_TOKEN_URL?: string | undefined;
  STATION_CLIENT_ID?: string | undefined;
  STATION_CLIENT_SECRET?: string | undefined;
}): StationCredentials | undefined {
  const { AUTH_TOKEN_URL: tokenUrl, STATION_CLIENT_ID: clientId } = vars;
  const clientSecret = vars.STATION_CLIENT_SECRET;

  if (tokenUrl === undefined && clientId === undefined && clientSecret === undefined) {
    return undefined;
  }

  if (tokenUrl === undefined || clientId === undefined || clientSecret === undefined) {
    throw new ConfigError(
      'AUTH_TOKEN_URL, STATION_CLIENT_ID and STATION_CLIENT_SECRET go together; set all three ' +
        "to the station's credential from the card authority, or none of them",
    );
  }

  return { clientId, clientSecret, tokenUrl };
}

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
    kafkaBrokers: vars.KAFKA_BROKERS,
    kafkaTopicPrefix: vars.KAFKA_TOPIC_PREFIX,
    host: vars.HOST,
    issuerCertificatesFile: vars.ISSUER_CERTIFICATES_FILE,
    logLevel: vars.LOG_LEVEL,
    outboxPollMs: vars.OUTBOX_POLL_MS,
    port: vars.PORT,
    readerName: vars.STATION_READER,
    stationCredentials: stationCredentials(vars),
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
