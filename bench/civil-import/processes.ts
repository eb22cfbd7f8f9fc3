import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface ProcessResult {
  code: number | null;
  /** Wall-clock seconds from start to exit. */
  seconds: number;
  stdout: string;
}

/**
 * Runs a command from the repository root and hands each stderr line to `onLine` as it comes,
 * so that long steps can show progress. Fails when the command exits with another code than 0.
 */
export async function runCommand(
  command: string,
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; onLine?: (line: string) => void } = {},
): Promise<ProcessResult> {
  const started = performance.now();
  const child = spawn(command, args, {
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  const errors: string[] = [];

  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  createInterface({ input: child.stderr }).on('line', (line) => {
    errors.push(line);
    if (errors.length > 50) errors.shift();
    options.onLine?.(line);
  });

  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  const seconds = (performance.now() - started) / 1000;

  if (code !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited with ${code}:\n${errors.join('\n')}`);
  }

  return { code, seconds, stdout };
}

/** Runs TypeScript from the repository root through SWC. */
export function runTypeScript(
  file: string,
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; onLine?: (line: string) => void } = {},
): Promise<ProcessResult> {
  return runCommand(process.execPath, ['-r', '@swc-node/register', file, ...args], options);
}
