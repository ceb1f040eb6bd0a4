export interface WindowStats {
  n: number;
  mean: number;
  min: number;
  max: number;
  /** Population standard deviation of the counts: the AC part, DC offset removed. */
  rms: number;
}

/** Two passes, so the variance does not suffer from cancellation around count 511. */
export function windowStats(samples: ArrayLike<number>): WindowStats {
  const n = samples.length;
  if (n === 0) throw new RangeError('a window needs at least one sample');
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const x = samples[i]!;
    sum += x;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const d = samples[i]! - mean;
    ss += d * d;
  }
  return { n, mean, min, max, rms: Math.sqrt(ss / n) };
}
