/** Value at quantile `q` (0-1) of ascending `sorted`, by the nearest-rank method. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;

  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));

  return sorted[rank - 1] as number;
}

export interface LatencySummary {
  count: number;
  p50Ms: number;
  p99Ms: number;
}

/** Sorts latencies in milliseconds and returns count, p50 and p99. */
export function summarize(latenciesMs: number[]): LatencySummary {
  const sorted = [...latenciesMs].sort((left, right) => left - right);

  return { count: sorted.length, p50Ms: quantile(sorted, 0.5), p99Ms: quantile(sorted, 0.99) };
}

export function formatMs(value: number): string {
  return `${value.toFixed(2)} ms`;
}
