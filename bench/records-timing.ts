import { performance } from "node:perf_hooks";

// Times an async call: a few warm-up runs (plans cached, pages in memory),
// then `runs` timed one after the other; reports the median and the 95th
// percentile in milliseconds.

export interface Timing {
  runs: number;
  medianMs: number;
  p95Ms: number;
  minMs: number;
  maxMs: number;
}

/** The value at quantile q (0..1) of sorted values, nearest rank. */
function quantile(sorted: number[], q: number): number {
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[rank - 1] ?? NaN;
}

export async function timeRuns(
  run: (index: number) => Promise<unknown>,
  { warmup, runs }: { warmup: number; runs: number },
): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await run(i);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await run(i);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return {
    runs,
    medianMs: quantile(times, 0.5),
    p95Ms: quantile(times, 0.95),
    minMs: times[0] ?? NaN,
    maxMs: times[times.length - 1] ?? NaN,
  };
}
