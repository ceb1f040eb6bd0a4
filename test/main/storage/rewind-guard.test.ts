import { afterEach, describe, expect, it } from 'vitest';
import { ReadingStore } from '../../../src/main/storage/reading-store';
import { readingAt, storeOn, tempDb } from '../../helpers/history-db';

// The clock was 10 minutes ahead for 5 minutes, then set right: the writer gets
// readings stamped before rows it already holds. Free minutes take them; minutes
// already holding readings keep theirs; no minute ever covers more than a minute.

let t: ReturnType<typeof tempDb>;
afterEach(() => t?.close());

const T0 = Date.parse('2026-05-01T10:00:00Z');
const AHEAD = 10 * 60_000;
type Minute = { b: number; n: number; covered_ms: number; energy_mj: number };
const minutes = (): Minute[] => t.db.prepare('SELECT b, n, covered_ms, energy_mj FROM rollup_minute ORDER BY b').all() as Minute[];

/** Readings every 500 ms of monotonic time `mono0 + i * 500`, stamped `stamp(i)`, in batches of 200 as the queue writes them. */
function feed(store: ReturnType<typeof storeOn>, count: number, mono0: number, stamp: (i: number) => number, watts: number): void {
  for (let i = 0; i < count; i += 200) {
    store.write(Array.from({ length: Math.min(200, count - i) }, (_, j) => readingAt(stamp(i + j), watts, mono0 + (i + j) * 500)));
  }
}

describe('HistoryWriter after the clock went back', () => {
  it('fills free minutes with the new readings and skips minutes that already hold readings: nothing counted twice', () => {
    t = tempDb();
    const store = storeOn(t.db);
    // 5 minutes stamped 10 minutes ahead (10:10 to 10:15), at 1000 W...
    feed(store, 600, 0, (i) => T0 + AHEAD + 250 + i * 500, 1000);
    // ...then the right time again from 10:05, at 500 W, for 15 minutes (to 10:20), same process.
    feed(store, 1800, 300_000, (i) => T0 + 300_000 + 250 + i * 500, 500);
    const m = minutes();
    for (const x of m) expect(x.covered_ms, `minute ${x.b}`).toBeLessThanOrEqual(60_000);
    const at = (min: number): Minute | undefined => m.find((x) => x.b === (T0 + min * 60_000) / 60_000);
    // 10:05 to 10:10: free, the new readings.
    for (const min of [5, 6, 7, 8, 9]) expect(at(min)?.n, `10:0${min}`).toBe(120);
    // 10:10 to 10:15: held by the readings stamped ahead; the new ones there were skipped.
    for (const min of [10, 11, 12, 13, 14]) expect(at(min)?.energy_mj, `10:${min}`).toBeGreaterThan(at(5)!.energy_mj * 1.9);
    // 10:15 onwards: beyond everything stored, written as usual.
    for (const min of [15, 16, 17, 18, 19]) expect(at(min)?.n, `10:${min}`).toBe(120);
    expect(new ReadingStore(t.db).count()).toBe(600 + 1800 - 600);
  });

  it('after a restart in the middle of the overlap, still skips the minutes stamped ahead', () => {
    t = tempDb();
    const first = storeOn(t.db);
    feed(first, 600, 0, (i) => T0 + AHEAD + 250 + i * 500, 1000);
    feed(first, 600, 300_000, (i) => T0 + 300_000 + 250 + i * 500, 500);
    // Restarted at 10:10 true time: no monotonic link to the rows before.
    const again = storeOn(t.db);
    feed(again, 1200, 5_000_000, (i) => T0 + 600_000 + 250 + i * 500, 500);
    for (const x of minutes()) expect(x.covered_ms, `minute ${x.b}`).toBeLessThanOrEqual(60_000);
    expect(new ReadingStore(t.db).count()).toBe(600 + 600 + 600);
  });

  it('still refuses a reading sent twice', () => {
    t = tempDb();
    const store = storeOn(t.db);
    const batch = [1, 2, 3].map((i) => readingAt(T0 + i * 500, 800));
    store.insert(batch);
    expect(store.write([batch[2]!])).toEqual({ written: 0, refused: 1 });
    expect(store.write(batch)).toEqual({ written: 0, refused: 3 });
  });
});
