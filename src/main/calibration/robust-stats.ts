// Statistics of many windows' rms² that one odd window cannot move: a door
// slammed, a phone charger plugged in for a second during the idle recording.

/** Beyond this many robust standard deviations from the median a window is an outlier. */
const OUTLIER_SPREADS = 5;
/** MAD to standard deviation for normally distributed values. */
const MAD_TO_SD = 1.4826;

export interface RobustSummary {
  /** The mean of the values left once outliers are set aside. */
  mean: number;
  /** Robust standard deviation of one value (1.4826 x the median absolute deviation). */
  spread: number;
  kept: number;
  outliers: number;
}

function median(sorted: readonly number[]): number {
  const n = sorted.length;
  const mid = n >> 1;
  return n % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * The mean, not the median, of what is kept: a window's rms² is skewed (a
 * chi-square), and energy removes the floor from averages of rms², so the floor
 * must be their expected value. The median only decides what is an outlier.
 */
export function robustSummary(values: readonly number[]): RobustSummary {
  if (values.length === 0) throw new RangeError('no values to summarise');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = median(sorted);
  const spread = MAD_TO_SD * median(sorted.map((v) => Math.abs(v - mid)).sort((a, b) => a - b));
  const limit = OUTLIER_SPREADS * spread;
  let sum = 0;
  let kept = 0;
  for (const v of values) {
    if (Math.abs(v - mid) > limit) continue;
    sum += v;
    kept++;
  }
  return { mean: sum / kept, spread, kept, outliers: values.length - kept };
}
