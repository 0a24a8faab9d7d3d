// Percentiles for the benches that report latencies (nearest rank: p50 of 100 samples is the
// 50th smallest), rounded to 0.1 ms, so every bench's p95 means the same thing.

/** The nearest-rank p-th percentile of ascending `sorted`. */
export function percentile(sorted: number[], p: number): number {
  return sorted[
    Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  ]!;
}

const round = (n: number) => Math.round(n * 10) / 10;

/** p50/p95/p99, mean, min and max of `values` (ms), to 0.1. */
export function latencyStats(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    mean: round(values.reduce((a, b) => a + b, 0) / values.length),
    min: round(sorted[0]!),
    max: round(sorted.at(-1)!),
  };
}
