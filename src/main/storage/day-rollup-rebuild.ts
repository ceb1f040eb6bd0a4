import type Database from 'better-sqlite3';
import { type StoredRollup, dayBuckets, tenMinuteBuckets } from './rollup-levels';
import type { RollupDelta } from './rollup-batch';

const minOf = (a: number | null, b: number | null): number | null => (a === null ? b : b === null ? a : Math.min(a, b));
const maxOf = (a: number | null, b: number | null): number | null => (a === null ? b : b === null ? a : Math.max(a, b));

/**
 * The local-day rollups cut again in another zone, after the time zone setting
 * changed: summed from the ten-minute rollups, which are kept forever and hold
 * the same readings, energy and missing time. Every zone in use today changes
 * offset on a ten-minute boundary (whole and half hours), so the days come out
 * as the writer would have made them had the zone always been this one.
 * One transaction: the day table is never half old, half new.
 */
export function rebuildDayRollups(db: Database.Database, timeZone: string): number {
  const days = dayBuckets(timeZone);
  const sums = new Map<number, RollupDelta>();
  const rows = db.prepare('SELECT b, n, energy_mj, covered_ms, missing_ms, min_w, max_w FROM rollup_10min ORDER BY b').iterate() as IterableIterator<StoredRollup>;
  for (const r of rows) {
    const day = days.keyOf(tenMinuteBuckets.bounds(r.b)[0]);
    const sum = sums.get(day) ?? { readings: 0, energyMj: 0, coveredMs: 0, missingMs: 0, minW: null, maxW: null };
    sum.readings += r.n;
    sum.energyMj += r.energy_mj;
    sum.coveredMs += r.covered_ms;
    sum.missingMs += r.missing_ms;
    sum.minW = minOf(sum.minW, r.min_w);
    sum.maxW = maxOf(sum.maxW, r.max_w);
    sums.set(day, sum);
  }
  const insert = db.prepare('INSERT INTO rollup_day (b, n, energy_mj, covered_ms, missing_ms, min_w, max_w) VALUES (?, ?, ?, ?, ?, ?, ?)');
  db.transaction(() => {
    db.prepare('DELETE FROM rollup_day').run();
    for (const [day, s] of sums) insert.run(day, s.readings, s.energyMj, s.coveredMs, s.missingMs, s.minW, s.maxW);
  })();
  return sums.size;
}
