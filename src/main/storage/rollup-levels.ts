import { dayPeriod, localDayNumber } from '../../shared/zoned-calendar';

// The three rollup levels. Minutes and hours are fixed lengths of UTC time (every
// zone the household could live in has whole-hour offsets today, so a UTC hour is
// a local hour); days are local, 23 to 25 hours long.

export type RollupLevel = 'minute' | 'hour' | 'day';
export const ROLLUP_LEVELS: readonly RollupLevel[] = ['minute', 'hour', 'day'];

export interface Bucketing {
  readonly level: RollupLevel;
  /** The bucket an instant falls in. */
  keyOf(t: number): number;
  /** Its half-open interval [start, end). */
  bounds(key: number): readonly [number, number];
}

function fixed(level: RollupLevel, ms: number): Bucketing {
  return { level, keyOf: (t) => Math.floor(t / ms), bounds: (k) => [k * ms, (k + 1) * ms] };
}

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const minuteBuckets = fixed('minute', MINUTE_MS);
export const hourBuckets = fixed('hour', HOUR_MS);

/** Local days; remembers the last day so that a stream of readings costs no Intl call. */
export function dayBuckets(timeZone: string): Bucketing {
  let cached: { key: number; start: number; end: number } | null = null;
  const bounds = (key: number): readonly [number, number] => {
    if (cached?.key !== key) {
      const p = dayPeriod(key, timeZone);
      cached = { key, start: p.start, end: p.end };
    }
    return [cached.start, cached.end];
  };
  return {
    level: 'day',
    keyOf: (t) => {
      if (cached && t >= cached.start && t < cached.end) return cached.key;
      const key = localDayNumber(t, timeZone);
      bounds(key);
      return key;
    },
    bounds,
  };
}

/** Splits [from, to) over the buckets it crosses. */
export function splitOverBuckets(from: number, to: number, b: Bucketing, each: (key: number, ms: number) => void): void {
  let at = from;
  while (at < to) {
    const key = b.keyOf(at);
    const end = Math.min(b.bounds(key)[1], to);
    each(key, end - at);
    at = end;
  }
}
