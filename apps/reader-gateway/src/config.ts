import { z } from 'zod';

/** A card feeder simulated with the card library's hopper on a vpcd slot. */
export interface SimulatedFeederConfig {
  vpcdHost: string;
  /** vpcd port of the encoder's slot: the configured port for slot 0, the next for slot 1. */
  vpcdPort: number;
  mode: 'swap' | 'reconnect';
  /** Cards the feeder pulls out mid-command, for tests of spoiled-card handling. */
  pulledCards?: { card: number; atApdu: number }[];
}

export interface EncoderConfig {
  /** Encoder id in results and on `GET /encoders`, such as `encoder-1`. */
  id: string;
  /** PC/SC reader name of the encoder. */
  readerName: string;
  /** Present when this gateway also runs a simulated card feeder for the encoder. */
  feeder?: SimulatedFeederConfig;
}

/** Client credentials of the encoder site, issued by the card authority. */
export interface AuthorityCredentials {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
}

/** Settings of one reader-gateway instance, read from the environment by `loadConfig`. */
export interface ReaderGatewayConfig {
  /**
   * Base URL of the card authority, which hands out each job's card keys, signing key and
   * certificate. Null writes cards without keys, for demos that run no authority.
   */
  authorityUrl: string | null;
  /**
   * The encoder site's credential at the card authority, exchanged at its token endpoint for
   * short-lived tokens with `authority:personalize`. Null when no authority is configured.
   */
  authorityCredentials: AuthorityCredentials | null;
  /** Time one call to the card authority may take. */
  authorityTimeoutMs: number;
  /** How long an encoder waits for a card before it gives its job back to the queue. */
  cardWaitTimeoutMs: number;
  databaseUrl: string;
  encoders: EncoderConfig[];
  host: string;
  /** Pause between polls for queued jobs while an encoder is idle. */
  jobPollIntervalMs: number;
  kafkaBrokers: string;
  kafkaGroupId: string;
  /**
   * Encoder sites this gateway serves (`READER_SITES`), or null for every site. A gateway that
   * serves some sites reads the requests under its own consumer group and skips the others.
   */
  sites: string[] | null;
  /** Prefix of every topic name; tests set a unique one, production leaves it empty. */
  kafkaTopicPrefix: string;
  logLevel: string;
  /** Cards a job may use up (spoiled or rejected) before it fails. */
  maxCardsPerJob: number;
  migrateOnStart: boolean;
  /** TCP port of the HTTP server; 0 picks a free port. */
  port: number;
  /** Pause between two reads of pcscd's reader list, which finds encoders gone or back. */
  readerPollIntervalMs: number;
  /** Time one command APDU may take before the card counts as unresponsive. */
  transmitTimeoutMs: number;
}

const booleanText = z.enum(['true', 'false']).transform((value) => value === 'true');

const feederSchema = z.object({
  mode: z.enum(['swap', 'reconnect']).default('swap'),
  pulledCards: z
    .array(z.object({ atApdu: z.number().int().positive(), card: z.number().int().positive() }))
    .optional(),
  vpcdHost: z.string().min(1).default('127.0.0.1'),
  vpcdPort: z.number().int().min(1).max(65_535),
});

const encodersSchema = z
  .array(
    z.object({
      feeder: feederSchema.optional(),
      id: z
        .string()
        .regex(/^[a-z0-9][a-z0-9-]{0,99}$/, 'must be lowercase letters, digits and hyphens'),
      readerName: z.string().min(1),
    }),
  )
  .min(1, 'must list at least one encoder')
  .refine(
    (list) => new Set(list.map((encoder) => encoder.id)).size === list.length,
    'ids must be unique',
  );

const jsonText = z.string().transform((text, context) => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    context.addIssue({ code: 'custom', message: 'must be JSON' });

    return z.NEVER;
  }
});

const DEFAULT_ENCODERS = '[{"id":"encoder-1","readerName":"Virtual PCD 00 00"}]';

const environment = z.object({
  AUTHORITY_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  AUTHORITY_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http or https URL' })
    .transform((url) => url.replace(/\/+$/, ''))
    .optional(),
  CARD_WAIT_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
  DATABASE_URL: z
    .string({ error: 'is required' })
    .regex(/^postgres(ql)?:\/\//, 'must be a PostgreSQL URL'),
  ENCODERS: jsonText.pipe(encodersSchema).default(JSON.parse(DEFAULT_ENCODERS) as never),
  HOST: z.string().min(1).default('127.0.0.1'),
  JOB_POLL_INTERVAL_MS: z.coerce.number().int().min(10).max(60_000).default(500),
  KAFKA_BROKERS: z.string({ error: 'is required' }).min(1, 'must list at least one host:port'),
  KAFKA_GROUP_ID: z.string().min(1).optional(),
  READER_SITES: z
    .string()
    .regex(/^[A-Z0-9-]{2,32}(,[A-Z0-9-]{2,32})*$/, 'must list site codes such as SY01,SY02')
    .optional(),
  KAFKA_TOPIC_PREFIX: z.string().default(''),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal']).default('info'),
  MAX_CARDS_PER_JOB: z.coerce.number().int().min(1).max(100).default(3),
  MIGRATE_ON_START: booleanText.default(true),
  PORT: z.coerce.number().int().min(0).max(65_535).default(3005),
  AUTH_TOKEN_URL: z.url({ error: 'must be the card authority token endpoint URL' }).optional(),
  READER_CLIENT_ID: z.string().min(1).optional(),
  READER_CLIENT_SECRET: z.string().min(1).optional(),
  READER_POLL_INTERVAL_MS: z.coerce.number().int().min(50).max(60_000).default(1_000),
  TRANSMIT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
});

const EXAMPLES: Record<string, string> = {
  AUTHORITY_TIMEOUT_MS: '10000',
  AUTHORITY_URL: 'http://127.0.0.1:3004',
  CARD_WAIT_TIMEOUT_MS: '30000',
  DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/bitaqa_reader_gateway',
  ENCODERS: `'${DEFAULT_ENCODERS}'`,
  HOST: '127.0.0.1',
  JOB_POLL_INTERVAL_MS: '500',
  KAFKA_BROKERS: '127.0.0.1:19092',
  KAFKA_GROUP_ID: 'reader-gateway (reader-gateway-SY01-SY02 with READER_SITES=SY01,SY02)',
  READER_SITES: 'SY01,SY02',
  KAFKA_TOPIC_PREFIX: 'an empty value',
  LOG_LEVEL: 'info',
  MAX_CARDS_PER_JOB: '3',
  MIGRATE_ON_START: 'true',
  PORT: '3005',
  AUTH_TOKEN_URL: 'http://127.0.0.1:3004/oauth/token',
  READER_CLIENT_ID: 'the client id the card authority gave this encoder site',
  READER_CLIENT_SECRET: 'the secret of that client id',
  READER_POLL_INTERVAL_MS: '1000',
  TRANSMIT_TIMEOUT_MS: '10000',
};

/** A configuration variable is missing or invalid; the message names it and a good value. */
export class ConfigError extends Error {
  readonly code = 'INVALID_CONFIG';

  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/**
 * Reads the site's client credentials: all three variables or none. With an authority URL the
 * gateway needs them, because the authority gives card secrets only to a token holder.
 */
function authorityCredentials(values: z.infer<typeof environment>): AuthorityCredentials | null {
  const { AUTH_TOKEN_URL: tokenUrl, READER_CLIENT_ID: clientId } = values;
  const clientSecret = values.READER_CLIENT_SECRET;
  const given = [tokenUrl, clientId, clientSecret].filter((value) => value !== undefined).length;

  if (given === 0 && values.AUTHORITY_URL === undefined) {
    return null;
  }

  if (tokenUrl === undefined || clientId === undefined || clientSecret === undefined) {
    throw new ConfigError(
      'invalid reader-gateway configuration: AUTHORITY_URL needs AUTH_TOKEN_URL, READER_CLIENT_ID ' +
        'and READER_CLIENT_SECRET, the encoder site credential from the card authority',
    );
  }

  return { clientId, clientSecret, tokenUrl };
}

/** Consumer group of a gateway: one per set of sites, so each site gets every request. */
function defaultGroupId(sites: string[] | null): string {
  return sites === null ? 'reader-gateway' : `reader-gateway-${[...sites].sort().join('-')}`;
}

/** Reads and checks the configuration, naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): ReaderGatewayConfig {
  const parsed = environment.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0]);
      const where = issue.path.length > 1 ? ` at ${issue.path.slice(1).join('.')}` : '';

      return `${name}${where} ${issue.message} (for example ${EXAMPLES[name] ?? 'see README.md'})`;
    });

    throw new ConfigError(`invalid reader-gateway configuration: ${problems.join('; ')}`);
  }

  const values = parsed.data;
  const sites = values.READER_SITES === undefined ? null : values.READER_SITES.split(',');

  return {
    authorityTimeoutMs: values.AUTHORITY_TIMEOUT_MS,
    authorityCredentials: authorityCredentials(values),
    sites,
    authorityUrl: values.AUTHORITY_URL ?? null,
    cardWaitTimeoutMs: values.CARD_WAIT_TIMEOUT_MS,
    databaseUrl: values.DATABASE_URL,
    encoders: values.ENCODERS,
    host: values.HOST,
    jobPollIntervalMs: values.JOB_POLL_INTERVAL_MS,
    kafkaBrokers: values.KAFKA_BROKERS,
    kafkaGroupId: values.KAFKA_GROUP_ID ?? defaultGroupId(sites),
    kafkaTopicPrefix: values.KAFKA_TOPIC_PREFIX,
    logLevel: values.LOG_LEVEL,
    maxCardsPerJob: values.MAX_CARDS_PER_JOB,
    migrateOnStart: values.MIGRATE_ON_START,
    port: values.PORT,
    readerPollIntervalMs: values.READER_POLL_INTERVAL_MS,
    transmitTimeoutMs: values.TRANSMIT_TIMEOUT_MS,
  };
}
