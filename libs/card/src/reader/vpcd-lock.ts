import { linkSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { PcscdError } from './pcscd-process';

/** Lock file shared by every process that puts emulated cards into the vpcd slots. */
export const DEFAULT_VPCD_LOCK = join(tmpdir(), 'bitaqa-vpcd.lock');

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);

    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Creates the lock file with this pid in one step: the pid goes into a private file that is then
 * hard-linked to `path`, so no other process ever reads a lock file without its pid.
 */
function createLock(path: string): boolean {
  const staged = `${path}.${process.pid}`;
  writeFileSync(staged, String(process.pid));
  try {
    linkSync(staged, path);

    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw error;
    }

    return false;
  } finally {
    unlinkSync(staged);
  }
}

/** Returns the pid in the lock file, or null when the file is gone or its pid not written yet. */
function readHolder(path: string): number | null {
  try {
    const text = readFileSync(path, 'utf8');

    return text === '' ? null : Number(text);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return null;
    }

    throw error;
  }
}

/** Returns null when this process holds the lock, 0 to try again at once, else the holder. */
function tryLock(path: string): number | null {
  if (createLock(path)) {
    return null;
  }

  const holder = readHolder(path);
  if (holder === null) {
    // Released between the two steps, or created by a writer that adds the pid afterwards.
    return 0;
  }

  if (holder === process.pid) {
    return null;
  }

  if (!Number.isInteger(holder) || holder <= 0 || !isAlive(holder)) {
    // The holder died without releasing the lock. Another waiter may remove it first.
    rmSync(path, { force: true });

    return 0;
  }

  return holder;
}

/**
 * Waits until this process holds the vpcd lock and returns its release function. Two test
 * runs that insert cards into the same vpcd slots at once would read each other's cards, so
 * suites that use vpcd take this lock first. A process that holds the lock already gets it
 * again at once, and the first release frees it.
 */
export async function acquireVpcdLock(
  options: { path?: string; timeoutMs?: number } = {},
): Promise<() => void> {
  const path = options.path ?? DEFAULT_VPCD_LOCK;
  const timeoutMs = options.timeoutMs ?? 15 * 60_000;
  const deadline = Date.now() + timeoutMs;
  let holder = tryLock(path);
  while (holder !== null) {
    if (Date.now() > deadline) {
      throw new PcscdError(
        'VPCD_LOCK_TIMEOUT',
        `vpcd lock ${path} is still held by pid ${holder} after ${timeoutMs} ms; wait for that test run or stop it`,
        { path, holder },
      );
    }

    await new Promise((resolve) => setTimeout(resolve, 500));
    holder = tryLock(path);
  }

  return () => {
    try {
      if (Number(readFileSync(path, 'utf8')) === process.pid) {
        unlinkSync(path);
      }
    } catch {
      // Already gone: nothing to release.
    }
  };
}
