import type { HistoryLevel } from '../../shared/contract';
import { HOUR_MS, MINUTE_MS, TEN_MIN_MS, TEN_S_MS } from './rollup-levels';

export interface LevelChoice {
  level: HistoryLevel;
  /** Width of one returned bucket: a whole number of the level's unit. */
  bucketMs: number;
  /** The level's unit: a reading interval, a minute, an hour, a (nominal) day. */
  unitMs: number;
}

const DAY_MS = 86_400_000;

/**
 * The coarsest level that still gives `maxPoints` buckets over the range, then
 * buckets of a whole number of its units so that at most `maxPoints` come back.
 * A year at 1000 points reads 8760 hour rows, not 31 million readings.
 */
export function chooseLevel(spanMs: number, maxPoints: number, readingIntervalMs: number): LevelChoice {
  const levels: readonly [HistoryLevel, number][] = [
    ['day', DAY_MS],
    ['hour', HOUR_MS],
    ['10min', TEN_MIN_MS],
    ['minute', MINUTE_MS],
    ['10s', TEN_S_MS],
  ];
  const [level, unitMs] = levels.find(([, unit]) => spanMs / unit >= maxPoints) ?? ['raw', readingIntervalMs];
  // Buckets are aligned on multiples of their width (stable while panning), so a
  // range can touch one more than span / width of them: size for maxPoints - 1.
  const perBucket = Math.max(1, Math.ceil(spanMs / Math.max(1, maxPoints - 1) / unitMs));
  return { level, unitMs, bucketMs: perBucket * unitMs };
}
