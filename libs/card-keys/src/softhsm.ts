import { execFileSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Path of the PKCS#11 library that Debian's softhsm2 package installs. */
export const SOFTHSM_MODULE = '/usr/lib/softhsm/libsofthsm2.so';

/**
 * Creates a temporary SoftHSM2 token directory and its configuration file, for development and
 * tests. SoftHSM reads the SOFTHSM2_CONF environment variable at C_Initialize, so the caller
 * must set it to `configPath` in the real process environment before opening a store.
 */
export async function createSoftHsmDirectory(): Promise<{ configPath: string; directory: string }> {
  const directory = await mkdtemp(join(tmpdir(), 'bitaqa-softhsm-'));
  const configPath = join(directory, 'softhsm2.conf');

  await writeFile(
    configPath,
    `directories.tokendir = ${directory}\nobjectstore.backend = file\nlog.level = ERROR\n`,
  );

  return { configPath, directory };
}

/** Initializes a token in the first free slot with `softhsm2-util` from Debian's softhsm2. */
export function initSoftHsmToken(
  label: string,
  pins: { pin: string; soPin: string },
  env: NodeJS.ProcessEnv = process.env,
): void {
  execFileSync(
    'softhsm2-util',
    ['--init-token', '--free', '--label', label, '--pin', pins.pin, '--so-pin', pins.soPin],
    { env, stdio: 'pipe' },
  );
}
