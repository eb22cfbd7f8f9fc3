import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Addresses of the real services integration tests talk to. */
export interface ServiceAddresses {
  kafkaBrokers: string;
  /** URL of any database on the PostgreSQL server; tests create their own databases beside it. */
  postgresUrl: string;
  redisUrl: string;
  vpcdHost: string;
  /** First vpcd slot's TCP port; the second slot listens on the next port. */
  vpcdPort: number;
}

const VARIABLES = {
  kafkaBrokers: 'KAFKA_BROKERS',
  postgresUrl: 'POSTGRES_URL',
  redisUrl: 'REDIS_URL',
  vpcdHost: 'VPCD_HOST',
  vpcdPort: 'VPCD_PORT',
} as const;

/** Builds a server URL from libpq's PGHOST, PGPORT and PGUSER, which `infra/up.sh` also writes. */
function postgresUrlFromPg(fromFile: Record<string, string>): string | undefined {
  const host = process.env.PGHOST ?? fromFile.PGHOST;

  if (!host) return undefined;

  const port = process.env.PGPORT ?? fromFile.PGPORT ?? '5432';
  const user = process.env.PGUSER ?? fromFile.PGUSER ?? 'postgres';

  return `postgresql://${user}@${host}:${port}/postgres`;
}

/** `infra/up.sh` writes the addresses of what it started to this file. */
function readInfraEnvFile(): Record<string, string> {
  const file = join(__dirname, '../../../.bitaqa/env');

  if (!existsSync(file)) return {};

  const entries = readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('#'))
    .flatMap((line) => line.replace(/^\s*export\s+/, '').split(/\s+/))
    .map((assignment) => assignment.match(/^([A-Z0-9_]+)=["']?([^"']*)["']?$/))
    .filter((match): match is RegExpMatchArray => match !== null)
    .map((match) => [match[1] as string, match[2] as string]);

  return Object.fromEntries(entries);
}

/**
 * Reads service addresses from the environment, then from `.bitaqa/env` written by
 * `infra/up.sh`. Fails naming every missing variable, because a test that silently
 * guesses an address can pass against the wrong server.
 */
function variableReader(): (name: string) => string | undefined {
  const fromFile = readInfraEnvFile();

  return (name) =>
    process.env[name] ??
    fromFile[name] ??
    (name === VARIABLES.postgresUrl ? postgresUrlFromPg(fromFile) : undefined);
}

/** Names of the service variables that neither the environment nor `.bitaqa/env` sets. */
export function missingServiceVariables(): string[] {
  const read = variableReader();

  return Object.values(VARIABLES).filter((name) => !read(name));
}

export function serviceAddresses(): ServiceAddresses {
  const read = variableReader();
  const missing = missingServiceVariables();

  if (missing.length > 0) {
    throw new Error(
      `integration tests need real services and no container engine is available; set ${missing.join(', ')} ` +
        '(or run `bash infra/up.sh`, which starts them and writes .bitaqa/env)',
    );
  }

  return {
    kafkaBrokers: read(VARIABLES.kafkaBrokers) as string,
    postgresUrl: read(VARIABLES.postgresUrl) as string,
    redisUrl: read(VARIABLES.redisUrl) as string,
    vpcdHost: read(VARIABLES.vpcdHost) as string,
    vpcdPort: Number(read(VARIABLES.vpcdPort)),
  };
}
