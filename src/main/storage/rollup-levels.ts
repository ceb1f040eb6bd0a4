import { dayPeriod, localDayNumber } from '../../shared/zoned-calendar';

// The rollup levels. Ten seconds, minutes, ten minutes and hours are fixed lengths of UTC time
// (every zone the household could live in has whole-hour offsets today, so a UTC
// hour is a local hour); days are local, 23 to 25 hours long. The ten-second level
// serves charts of a few hours (too many raw rows to read in 20 ms, too few
// minutes for the points asked): it lives as long as the raw readings, no longer.
// Ten minutes does the same for ranges of one to six weeks, between minutes
// (up to 60,000 rows) and hours (too few), and is kept forever like them.

export type RollupLevel = '10s' | 'minute' | '10min' | 'hour' | 'day';
export const ROLLUP_LEVELS: readonly RollupLevel[] = ['10s', 'minute', '10min', 'hour', 'day'];

export interface Bucketing {
  readonly level: RollupLevel;
  /** Kept only where raw readings are (within retention). */
  readonly withRaw?: boolean;
  /** The bucket an instant falls in. */
  keyOf: (t: number) => number;
  /** Its half-open interval [start, end). */
  bounds: (key: number) => readonly [number, number];
}

function fixed(level: RollupLevel, ms: number): Bucketing {
  return { level, keyOf: (t) => Math.floor(t / ms), bounds: (k) => [k * ms, (k + 1) * ms] };
}

export const TEN_S_MS = 10_000;
export const MINUTE_MS = 60_000;
export const TEN_MIN_MS = 600_000;
export const HOUR_MS = 3_600_000;
export const tenSecondBuckets: Bucketing = { ...fixed('10s', TEN_S_MS), withRaw: true };
export const minuteBuckets = fixed('minute', MINUTE_MS);
export const tenMinuteBuckets = fixed('10min', TEN_MIN_MS);
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

/**
 * Local days of whatever zone is configured now: a settings change applies to the
 * next reading written or period asked, without a restart.
 */
export function currentDayBuckets(timeZone: () => string): Bucketing {
  let zone = timeZone();
  let days = dayBuckets(zone);
  const now = (): Bucketing => {
    if (timeZone() !== zone) {
      zone = timeZone();
      days = dayBuckets(zone);
    }
    return days;
  };
  return { level: 'day', keyOf: (t) => now().keyOf(t), bounds: (key) => now().bounds(key) };
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

/** Every level a writer keeps, in one list for the live writer and the import alike. */
export const rollupBucketings = (timeZone: () => string): readonly Bucketing[] => [tenSecondBuckets, minuteBuckets, tenMinuteBuckets, hourBuckets, currentDayBuckets(timeZone)];

/** A rollup row as SQLite holds it: every level's table has these columns. */
export interface StoredRollup {
  b: number;
  n: number;
  energy_mj: number;
  covered_ms: number;
  missing_ms: number;
  min_w: number | null;
  max_w: number | null;
}
