import { MAX_DELAY_US } from './window-plan';

// The per-sample delay is a guess until windows are measured: the bus idles a
// clock per byte, chip select is held up between conversions, usleep_range()
// wakes up to a tenth late plus the scheduler's latency, and every ioctl costs a
// syscall and a hop through libuv's thread pool. None of that is known ahead on a
// given Pi, so each window is timed on the monotonic clock and the delay follows.

export interface PacerState {
  readonly targetMs: number;
  readonly samples: number;
  /** Delay after each conversion, µs; fractional: the source spreads it over the transfers. */
  readonly delayUs: number;
  /** Smoothed time per sample that is not the delay, µs; null before the first window. */
  readonly overheadUs: number | null;
}

/** How much of each new measurement the overhead estimate takes: damps scheduling jitter. */
const SMOOTHING = 0.5;
/** A window this far from the target is a stall (suspend, swap, GC), not a bus property. */
const STALL_RATIO = 4;

export function startPacer(targetMs: number, samples: number, firstGuessUs: number): PacerState {
  return { targetMs, samples, delayUs: clampDelay(firstGuessUs), overheadUs: null };
}

/**
 * The delay for the next window, from how long the last one really took with
 * the delay it had. Converges in a few windows whatever the fixed overhead, and
 * saturates at 0 when the bus alone is slower than the target.
 */
export function pace(s: PacerState, measuredMs: number): PacerState {
  if (!(measuredMs > 0) || measuredMs > s.targetMs * STALL_RATIO || measuredMs < s.targetMs / STALL_RATIO) return s;
  const perSampleUs = (measuredMs * 1000) / s.samples;
  const seen = perSampleUs - s.delayUs;
  const overheadUs = s.overheadUs === null ? seen : s.overheadUs + SMOOTHING * (seen - s.overheadUs);
  const wantUs = (s.targetMs * 1000) / s.samples;
  return { ...s, overheadUs, delayUs: clampDelay(wantUs - overheadUs) };
}

const clampDelay = (us: number): number => Math.min(MAX_DELAY_US, Math.max(0, us));

/**
 * Whole-µs delays for `n` transfers whose mean is `delayUs`: delay_usecs is an
 * integer, so a fractional delay is the floor on most and one more on some.
 */
export function spreadDelay(delayUs: number, n: number, out: (i: number, us: number) => void): void {
  const base = Math.floor(delayUs);
  const frac = delayUs - base;
  // Spread evenly (like Bresenham's line), so that the samples stay evenly spaced.
  for (let i = 0; i < n; i++) out(i, base + Math.floor((i + 1) * frac + 1e-9) - Math.floor(i * frac + 1e-9));
}
