import { Agent, request } from 'node:http';

export interface LoadOptions {
  /** Builds the JSON body of request number `n`. */
  body: (n: number) => string;
  concurrency: number;
  durationMs: number;
  headers: Record<string, string>;
  /** Label printed with the progress lines. */
  label: string;
  path: string;
  port: number;
}

export interface LoadResult {
  elapsedMs: number;
  /** Requests that failed without an HTTP response. */
  errors: number;
  latenciesMs: number[];
  statuses: Map<number, number>;
}

const PROGRESS_EVERY_MS = 5_000;

function send(
  agent: Agent,
  options: LoadOptions,
  body: string,
): Promise<{ latencyMs: number; status: number }> {
  const started = process.hrtime.bigint();

  return new Promise((resolve, reject) => {
    const call = request(
      {
        agent,
        headers: {
          ...options.headers,
          'content-length': Buffer.byteLength(body),
          'content-type': 'application/json',
        },
        host: '127.0.0.1',
        method: 'POST',
        path: options.path,
        port: options.port,
      },
      (response) => {
        response.resume();
        response.on('end', () =>
          resolve({
            latencyMs: Number(process.hrtime.bigint() - started) / 1e6,
            status: response.statusCode ?? 0,
          }),
        );
      },
    );

    call.on('error', reject);
    call.end(body);
  });
}

/**
 * Keeps `concurrency` requests in flight over keep-alive connections for `durationMs`: each
 * client sends its next request as soon as the previous response has arrived (a closed loop).
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
  const result: LoadResult = { elapsedMs: 0, errors: 0, latenciesMs: [], statuses: new Map() };
  const started = Date.now();
  const deadline = started + options.durationMs;
  let sent = 0;
  const progress = setInterval(() => {
    const seconds = (Date.now() - started) / 1000;

    console.log(
      `  ${options.label}: ${result.latenciesMs.length.toLocaleString('en')} requests in ${seconds.toFixed(0)} s`,
    );
  }, PROGRESS_EVERY_MS);

  async function client(): Promise<void> {
    while (Date.now() < deadline) {
      sent += 1;
      try {
        const answer = await send(agent, options, options.body(sent));

        result.latenciesMs.push(answer.latencyMs);
        result.statuses.set(answer.status, (result.statuses.get(answer.status) ?? 0) + 1);
      } catch {
        result.errors += 1;
      }
    }
  }

  await Promise.all(Array.from({ length: options.concurrency }, () => client()));
  clearInterval(progress);
  agent.destroy();
  result.elapsedMs = Date.now() - started;

  return result;
}
