/** Median and p95 of timings; benchmarks quote these and ratios, never a lone time. */
export function summarize(samples: number[]): { median: number; p95: number } {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return { median: at(0.5), p95: at(0.95) };
}

export const fmt = (x: number, digits = 2): string => x.toFixed(digits);

/** Times fn() `runs` times (after a warm-up) and returns per-run milliseconds. */
export function timeRuns(runs: number, fn: () => void): number[] {
  fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    out.push(performance.now() - t);
  }
  return out;
}
