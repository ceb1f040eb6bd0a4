import { afterEach, describe, expect, it } from 'vitest';
import { rebuildDayRollups } from '../../../src/main/storage/day-rollup-rebuild';
import type { TimedReading } from '../../../src/main/storage/history-writer';
import { readingAt, storeOn, tempDb } from '../../helpers/history-db';

const dbs: ReturnType<typeof tempDb>[] = [];
afterEach(() => dbs.splice(0).forEach((d) => d.close()));

/** Three days across the autumn change in Paris, a reading every 10 s with a two-hour hole. */
function readings(): TimedReading[] {
  const from = Date.parse('2026-10-24T00:00:00Z');
  const out: TimedReading[] = [];
  for (let t = from; t < from + 3 * 86_400_000; t += 10_000) {
    if (t % 86_400_000 >= 5 * 3_600_000 && t % 86_400_000 < 7 * 3_600_000) continue;
    out.push(readingAt(t, 300 + ((t / 10_000) % 7) * 100));
  }
  return out;
}

const dayRows = (db: ReturnType<typeof tempDb>): unknown[] => db.db.prepare('SELECT * FROM rollup_day ORDER BY b').all();

describe('rebuildDayRollups()', () => {
  it('cuts the local days again in another zone exactly as a writer in that zone would have', () => {
    const paris = tempDb();
    const newYork = tempDb();
    dbs.push(paris, newYork);
    storeOn(paris.db, { timeZone: () => 'Europe/Paris' }).insert(readings());
    storeOn(newYork.db, { timeZone: () => 'America/New_York' }).insert(readings());
    expect(dayRows(paris)).not.toEqual(dayRows(newYork));
    expect(rebuildDayRollups(paris.db, 'America/New_York')).toBe(dayRows(newYork).length);
    expect(dayRows(paris)).toEqual(dayRows(newYork));
  });
});
