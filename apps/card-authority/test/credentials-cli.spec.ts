import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

import type { IssuedSecret } from '../src/credentials/credential';

import { requestToken, uniqueClientId } from './support/credentials';
import { Harness } from './support/harness';

const run = promisify(execFile);

const REPOSITORY = join(__dirname, '../../..');
const CLI = 'apps/card-authority/src/credentials/cli.ts';

interface CliResult {
  code: number;
  stderr: string;
  stdout: string;
}

describe('credentials CLI', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await Harness.start('credentials-cli');
  });

  afterAll(async () => {
    await harness?.close();
  });

  async function cli(...args: string[]): Promise<CliResult> {
    try {
      const { stderr, stdout } = await run('node', ['-r', '@swc-node/register', CLI, ...args], {
        cwd: REPOSITORY,
        env: { ...process.env, DATABASE_URL: harness.databaseUrl, LOG_LEVEL: 'warn' },
      });

      return { code: 0, stderr, stdout };
    } catch (error) {
      const failed = error as { code: number; stderr: string; stdout: string };

      return { code: failed.code, stderr: failed.stderr, stdout: failed.stdout };
    }
  }

  it('creates a client that gets tokens', async () => {
    const clientId = uniqueClientId('cli-station');
    const created = await cli(
      'create',
      '--kind',
      'station',
      '--scopes',
      'fuel:redeem',
      '--audiences',
      'fuel-allocation',
      '--station-code',
      'ST-DAM-0009',
      '--client-id',
      clientId,
      '--description',
      'station created from the shell',
    );
    const secret = JSON.parse(created.stdout) as IssuedSecret;
    const token = await requestToken(harness, secret);
    const events = await harness.prisma.credentialEvent.findMany({ where: { clientId } });

    expect(created.code).toBe(0);
    expect(secret.clientId).toBe(clientId);
    expect(token.status).toBe(200);
    expect(events.map((event) => event.actor)).toEqual([expect.stringMatching(/^cli:/)]);
  }, 60_000);

  it('revokes a client', async () => {
    const clientId = uniqueClientId('cli-app');
    const created = await cli(
      'create',
      '--kind=app',
      '--scopes=civil:read',
      '--audiences=civil-records',
      `--client-id=${clientId}`,
      '--description=app created from the shell',
    );
    const revoked = await cli('revoke', `--client-id=${clientId}`, '--reason=leaked secret');
    const token = await requestToken(harness, JSON.parse(created.stdout) as IssuedSecret);

    expect(revoked.code).toBe(0);
    expect(JSON.parse(revoked.stdout)).toMatchObject({ clientId, status: 'revoked' });
    expect(token.status).toBe(401);
  }, 60_000);

  it('rejects invalid input with the field', async () => {
    const result = await cli(
      'create',
      '--kind=app',
      '--scopes=Not A Scope',
      '--audiences=civil-records',
      '--description=bad scopes',
    );

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('VALIDATION_FAILED');
    expect(result.stderr).toContain('scopes.0');
  }, 60_000);

  it('exits 2 on a missing option', async () => {
    const result = await cli('revoke', '--reason=no client named');

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--client-id is required');
  }, 60_000);
});
