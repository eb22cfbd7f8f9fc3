import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const REPO_ROOT = join(__dirname, '..', '..', '..');
const START_TIMEOUT_MS = 60_000;

export interface RunningCivilRecords {
  stop(): Promise<void>;
  url: string;
}

/**
 * Starts civil-records as its own process, the way an operator runs it, and resolves once it
 * logs `service started` with the port it picked.
 */
export function startCivilRecordsProcess(
  env: Record<string, string>,
): Promise<RunningCivilRecords> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['-r', '@swc-node/register', 'apps/civil-records/src/main.ts'],
    {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        LOG_LEVEL: 'info',
        PORT: '0',
        SWC_NODE_PROJECT: join(REPO_ROOT, 'tsconfig.base.json'),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(`civil-records did not log "service started" within ${START_TIMEOUT_MS} ms`),
      );
    }, START_TIMEOUT_MS);

    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`civil-records exited with code ${code} before it started`));
    });
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const entry = JSON.parse(line) as { msg?: string; port?: number };

      if (entry.msg !== 'service started') return;

      clearTimeout(timer);
      resolve({
        async stop() {
          child.kill('SIGTERM');
          await exited;
        },
        url: `http://127.0.0.1:${entry.port}`,
      });
    });
  });
}
