import 'reflect-metadata';

import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';

import { ApiError } from '@bitaqa/http';
import { createLogger, errorFields } from '@bitaqa/observability';

import type { AppConfig } from '../config';
import { PrismaService } from '../database/prisma.service';

import type { CredentialInput } from './credential';
import type { StatusAction } from './credential-transitions';
import { CredentialRepository } from './credential.repository';
import { CredentialsService } from './credentials.service';

const USAGE = `usage: node -r @swc-node/register apps/card-authority/src/credentials/cli.ts COMMAND [options]

Administers the card authority's client credentials in the database named by DATABASE_URL.

Commands:
  create         --kind app|operator|service|station --scopes "a:b c:d" --audiences "x y"
                 --description TEXT [--client-id ID] [--service-id ID] [--station-code CODE]
                 Prints {"clientId","clientSecret"}; the secret is shown this once.
  list           Prints every credential as JSON, without secrets.
  rotate-secret  --client-id ID --reason TEXT   Prints the new secret, shown this once.
  suspend | reinstate | revoke   --client-id ID --reason TEXT

Scopes and audiences are separated by spaces. Logs go to stderr as JSON lines. Exits 0 on
success, 1 when the change is rejected or fails, 2 on bad options.`;

const STATUS_COMMANDS: readonly string[] = ['reinstate', 'revoke', 'suspend'];

class UsageError extends Error {}

type Values = Record<string, string | boolean | undefined>;

function required(values: Values, name: string): string {
  const value = values[name];

  if (typeof value !== 'string' || value.trim() === '') {
    throw new UsageError(`--${name} is required`);
  }

  return value.trim();
}

function optional(values: Values, name: string): string | undefined {
  const value = values[name];

  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function createInput(values: Values): CredentialInput {
  const clientId = optional(values, 'client-id');
  const serviceId = optional(values, 'service-id');
  const stationCode = optional(values, 'station-code');

  return {
    actor: `cli:${userInfo().username}`,
    audiences: required(values, 'audiences').split(/\s+/),
    description: required(values, 'description'),
    kind: required(values, 'kind') as CredentialInput['kind'],
    scopes: required(values, 'scopes').split(/\s+/),
    ...(clientId === undefined ? {} : { clientId }),
    ...(serviceId === undefined ? {} : { serviceId }),
    ...(stationCode === undefined ? {} : { stationCode }),
  };
}

async function run(command: string, values: Values, service: CredentialsService): Promise<unknown> {
  const actor = `cli:${userInfo().username}`;

  if (command === 'create') return service.create(createInput(values));
  if (command === 'list') return { items: await service.list() };
  if (command === 'rotate-secret') {
    return service.rotateSecret(required(values, 'client-id'), required(values, 'reason'), actor);
  }
  if (STATUS_COMMANDS.includes(command)) {
    return service.changeStatus(
      required(values, 'client-id'),
      command as StatusAction,
      required(values, 'reason'),
      actor,
    );
  }

  throw new UsageError(`unknown command ${command}`);
}

function readArguments(): { command: string; values: Values } {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      audiences: { type: 'string' },
      'client-id': { type: 'string' },
      description: { type: 'string' },
      help: { type: 'boolean' },
      kind: { type: 'string' },
      reason: { type: 'string' },
      scopes: { type: 'string' },
      'service-id': { type: 'string' },
      'station-code': { type: 'string' },
    },
  });

  if (values.help === true || positionals.length !== 1) {
    if (values.help !== true) throw new UsageError('give exactly one command');

    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }

  return { command: positionals[0] as string, values };
}

async function main(): Promise<number> {
  const logger = createLogger('card-authority-credentials-cli', process.env.LOG_LEVEL ?? 'info');
  let prisma: PrismaService | undefined;

  try {
    const { command, values } = readArguments();
    const databaseUrl = process.env['DATABASE_URL'];

    if (!databaseUrl) throw new UsageError('DATABASE_URL is not set');

    prisma = new PrismaService({ databaseUrl } as AppConfig);

    const service = new CredentialsService(logger, prisma, new CredentialRepository());

    process.stdout.write(`${JSON.stringify(await run(command, values, service), null, 2)}\n`);

    return 0;
  } catch (error) {
    if (
      error instanceof UsageError ||
      (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    ) {
      process.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);

      return 2;
    }

    if (error instanceof ApiError) {
      process.stderr.write(`${error.code}: ${error.message}\n${error.details.hint ?? ''}\n`);
    } else {
      logger.error({ err: errorFields(error) }, 'credentials command failed');
    }

    return 1;
  } finally {
    await prisma?.$disconnect();
  }
}

void main().then((code) => process.exit(code));
