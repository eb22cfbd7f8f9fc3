/** Returns the `fraction` quantile of `sorted` (ascending) by the nearest-rank method. */
export function quantile(sorted: number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;

  const rank = Math.ceil(fraction * sorted.length);

  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

export interface RunFigures {
  /** Completed requests or transactions per second over the measured window. */
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
}

/** Figures of a run from its latencies in milliseconds and its measured length in seconds. */
export function figures(latenciesMs: number[], seconds: number): RunFigures {
  const sorted = [...latenciesMs].sort((a, b) => a - b);

  return {
    p50Ms: quantile(sorted, 0.5),
    p99Ms: quantile(sorted, 0.99),
    perSecond: latenciesMs.length / seconds,
  };
}
