import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { CardError } from '../card-error';

/** vpcd's default port (0x8C7B); slot 1 listens on the next port. */
export const DEFAULT_VPCD_PORT = 35963;

export const DEFAULT_VPCD_DRIVER = '/usr/lib/pcsc/drivers/serial/libifdvpcd.so';

export type PcscdErrorCode = 'PCSCD_CONFLICT' | 'PCSCD_START_FAILED' | 'VPCD_LOCK_TIMEOUT';

export class PcscdError extends CardError<PcscdErrorCode> {}

export interface PcscdHandle {
  /** Null when a pcscd that was already running is used. */
  pid: number | null;
  port: number;
  /** Stops the pcscd this handle started; does nothing for one it found running. */
  stop(): Promise<void>;
}

/** Returns true when some process listens on the TCP port, read from /proc/net/tcp and tcp6. */
export function isPortListening(port: number): boolean {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const listenState = '0A';

  return ['/proc/net/tcp', '/proc/net/tcp6'].some((path) => {
    const table = readFileSync(path, 'utf8').split('\n').slice(1);

    return table.some((line) => {
      const fields = line.trim().split(/\s+/);

      return fields[1]?.endsWith(`:${hexPort}`) === true && fields[3] === listenState;
    });
  });
}

/** Returns the pids of running processes named exactly pcscd. */
export function findPcscdPids(): number[] {
  try {
    return execFileSync('pgrep', ['-x', 'pcscd'], { encoding: 'utf8' })
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map(Number);
  } catch {
    return [];
  }
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (condition()) {
      return true;
    }

    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  return condition();
}

function readerConfig(port: number, driver: string): string {
  const channel = `0x${port.toString(16).toUpperCase()}`;

  return [
    'FRIENDLYNAME "Virtual PCD"',
    `DEVICENAME   /dev/null:${channel}`,
    `LIBPATH      ${driver}`,
    `CHANNELID    ${channel}`,
    '',
  ].join('\n');
}

async function stopChild(child: ChildProcess, configDir: string): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
  }

  rmSync(configDir, { recursive: true, force: true });
}

/**
 * Uses the running pcscd when its vpcd reader listens on `port`. Otherwise it starts pcscd in
 * the foreground with a reader.conf for that port and waits until vpcd listens. Only one pcscd
 * can run per machine, so a pcscd without vpcd on `port` is a conflict.
 */
export async function ensurePcscd(
  options: { port?: number; driver?: string; startTimeoutMs?: number } = {},
): Promise<PcscdHandle> {
  const port = options.port ?? DEFAULT_VPCD_PORT;
  const running = findPcscdPids();
  if (running.length > 0) {
    if (!isPortListening(port)) {
      throw new PcscdError(
        'PCSCD_CONFLICT',
        `pcscd (pid ${running.join(', ')}) runs without vpcd on port ${port}; stop it or use its port`,
        { port },
      );
    }

    return { pid: null, port, stop: async () => undefined };
  }

  const configDir = mkdtempSync(join(tmpdir(), 'bitaqa-pcscd-'));
  writeFileSync(join(configDir, 'vpcd'), readerConfig(port, options.driver ?? DEFAULT_VPCD_DRIVER));
  const child = spawn('pcscd', ['--foreground', '-c', configDir], { stdio: 'ignore' });
  const started = await waitFor(
    () => isPortListening(port) || child.exitCode !== null,
    options.startTimeoutMs ?? 10000,
  );
  if (!started || child.exitCode !== null || child.pid === undefined) {
    await stopChild(child, configDir);
    throw new PcscdError(
      'PCSCD_START_FAILED',
      `pcscd did not start vpcd on port ${port}; run "pcscd --foreground --debug -c DIR" to see why`,
      { port },
    );
  }

  return { pid: child.pid, port, stop: () => stopChild(child, configDir) };
}
