import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export interface AppProcessOptions {
  /** Variables set on top of this process's environment; `undefined` removes one. */
  env: Record<string, string | undefined>;
  logDir: string;
  name: string;
  port: number;
  repoRoot: string;
}

/** This process's environment with `overrides` applied; an `undefined` value removes the variable. */
function childEnvironment(overrides: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };

  for (const [name, value] of Object.entries(overrides)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }

  return env;
}

/** One app started as a child process of ours, logging to `<logDir>/<name>.log`. */
export class AppProcess {
  readonly logFile: string;
  private child: ChildProcess | undefined;
  private exitCode: number | null = null;
  /** Size of the log file when this run of the app started; earlier runs wrote the bytes before. */
  private logOffset = 0;

  constructor(private readonly options: AppProcessOptions) {
    this.logFile = join(options.logDir, `${options.name}.log`);
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.options.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  start(): void {
    mkdirSync(this.options.logDir, { recursive: true });

    this.logOffset = existsSync(this.logFile) ? statSync(this.logFile).size : 0;

    const log = createWriteStream(this.logFile, { flags: 'a' });
    const entry = join('apps', this.options.name, 'src', 'main.ts');

    this.child = spawn(process.execPath, ['-r', '@swc-node/register', entry], {
      cwd: this.options.repoRoot,
      env: childEnvironment({ ...this.options.env, PORT: String(this.options.port) }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout?.pipe(log);
    this.child.stderr?.pipe(log);
    this.child.on('exit', (code) => {
      this.exitCode = code ?? -1;
    });
  }

  /** Waits until `GET /health` returns 200, or fails naming the log file to read. */
  async waitUntilHealthy(timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;

    while (Date.now() < deadline) {
      if (this.exitCode !== null) {
        throw new Error(
          `${this.options.name} exited with code ${this.exitCode}; see ${this.logFile}`,
        );
      }
      try {
        const response = await fetch(`${this.baseUrl}/health`);

        if (response.ok) return;
      } catch {
        // Not listening yet.
      }
      await sleep(250);
    }

    throw new Error(
      `${this.options.name} did not become healthy within ${timeoutMs} ms; see ${this.logFile}`,
    );
  }

  /** Counts the JSON log lines of this run whose `msg` is `message`. */
  countLogMessages(message: string): number {
    if (!existsSync(this.logFile)) return 0;

    const text = readFileSync(this.logFile).subarray(this.logOffset).toString('utf8');
    const needle = `"msg":${JSON.stringify(message)}`;

    return text.split('\n').filter((line) => line.includes(needle)).length;
  }

  /** Sends SIGTERM, then SIGKILL if the process is still there after `graceMs`. */
  async stop(graceMs = 10_000): Promise<void> {
    const child = this.child;

    if (!child || this.exitCode !== null) return;

    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);

    await exited;
    clearTimeout(timer);
  }
}
