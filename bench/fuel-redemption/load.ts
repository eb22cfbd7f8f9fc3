import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';

import { benchCardNumber } from './seed';

export interface LoadResult {
  /** Latency of each request that ended inside the measured window, in milliseconds. */
  latenciesMs: number[];
  seconds: number;
  statuses: Map<number, number>;
}

export interface LoadPlan {
  concurrency: number;
  durationSeconds: number;
  families: number;
  /** Called every few seconds with a progress line. */
  onProgress: (line: string) => void;
  quantity: number;
  /**
   * Station ids and the Authorization header of each station's token; client `i` redeems for
   * station `i % stations.length`.
   */
  stations: { authorization: string; stationId: string }[];
  url: string;
  warmupSeconds: number;
}

function post(agent: Agent, url: URL, body: string, authorization: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const call = request(
      url,
      {
        agent,
        headers: {
          authorization,
          'content-length': Buffer.byteLength(body),
          'content-type': 'application/json',
        },
        method: 'POST',
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      },
    );

    call.on('error', reject);
    call.end(body);
  });
}

/**
 * Runs `concurrency` clients over keep-alive connections, each with one POST /redemptions in
 * flight, for a warm-up and then the measured window. Each request debits a random family.
 */
export async function driveRedemptions(plan: LoadPlan): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: plan.concurrency });
  const url = new URL('/redemptions', plan.url);
  const started = performance.now();
  const measureFrom = started + plan.warmupSeconds * 1000;
  const stopAt = measureFrom + plan.durationSeconds * 1000;
  const result: LoadResult = {
    latenciesMs: [],
    seconds: plan.durationSeconds,
    statuses: new Map(),
  };
  let sent = 0;
  const progress = setInterval(() => {
    const elapsed = (performance.now() - started) / 1000;

    plan.onProgress(`  ${elapsed.toFixed(0)} s: ${sent} requests sent`);
  }, 5_000);

  const client = async (index: number): Promise<void> => {
    const station = plan.stations[index % plan.stations.length]!;

    for (let call = 0; performance.now() < stopAt; call += 1) {
      const family = 1 + Math.floor(Math.random() * plan.families);
      const body = JSON.stringify({
        cardNumber: benchCardNumber(family),
        idempotencyKey: `bench-${index}-${call}-${started.toFixed(0)}`,
        productCode: 'diesel-heating',
        quantity: plan.quantity,
        stationId: station.stationId,
      });
      const begin = performance.now();
      const status = await post(agent, url, body, station.authorization);
      const end = performance.now();

      sent += 1;
      if (begin >= measureFrom && end <= stopAt) {
        result.latenciesMs.push(end - begin);
        result.statuses.set(status, (result.statuses.get(status) ?? 0) + 1);
      }
    }
  };

  try {
    await Promise.all(Array.from({ length: plan.concurrency }, (_, index) => client(index)));
  } finally {
    clearInterval(progress);
    agent.destroy();
  }

  return result;
}
