import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_CALIBRATION } from '../../../src/main/acquisition/calibration';
import { EnergyQuery } from '../../../src/main/energy/energy-query';
import { chooseLevel } from '../../../src/main/storage/history-level';
import { HistoryQuery } from '../../../src/main/storage/history-query';
import { ReadingStore } from '../../../src/main/storage/reading-store';
import { RawRetention } from '../../../src/main/storage/retention';
import { readingAt, storeOn, storedPower, tempDb } from '../../helpers/history-db';

let t: ReturnType<typeof tempDb>;
afterEach(() => t?.close());

const H = 3_600_000;
const D = 24 * H;

describe('chooseLevel()', () => {
  it('takes the coarsest level that still gives maxPoints buckets', () => {
    expect(chooseLevel(10 * 60_000, 500, 500).level).toBe('raw');
    expect(chooseLevel(H, 500, 500).level).toBe('raw');
    expect(chooseLevel(D, 500, 500).level).toBe('minute');
    expect(chooseLevel(30 * D, 500, 500).level).toBe('hour');
    expect(chooseLevel(365 * D, 1000, 500).level).toBe('hour');
    expect(chooseLevel(3 * 365 * D, 1000, 500).level).toBe('day');
  });
  it('groups whole units so that no more than maxPoints come back', () => {
    const c = chooseLevel(365 * D, 1000, 500);
    expect(c.bucketMs % H).toBe(0);
    // Aligned buckets: a range touches at most one more than span / width.
    expect(Math.ceil((365 * D) / c.bucketMs) + 1).toBeLessThanOrEqual(1000);
  });
});

const query = (db: ReturnType<typeof tempDb>['db']): HistoryQuery =>
  new HistoryQuery(db, { calibration: () => DEFAULT_CALIBRATION, channel: () => 0, readingIntervalMs: () => 1000, timeZone: () => 'Europe/Paris' });

describe('HistoryQuery', () => {
  it('keeps a 2-second kettle spike visible as the max of a one-day view', () => {
    t = tempDb();
    const store = storeOn(t.db);
    const t0 = Date.parse('2026-05-01T00:00:00Z');
    const rows = [];
    for (let i = 1; i <= 86_400; i++) rows.push(readingAt(t0 + i * 1000, i === 40_000 || i === 40_001 ? 2200 : 180));
    store.insert(rows);
    const h = query(t.db).history(t0, t0 + D, 200);
    expect(h.level).toBe('minute');
    expect(h.t.length).toBeLessThanOrEqual(200);
    expect(Math.max(...(h.max as number[]))).toBe(2200);
    expect(Math.min(...(h.min as number[]))).toBe(180);
    // The means stay near the base load: the spike is 2 s in a 8-minute bucket.
    expect(Math.max(...(h.mean as number[]))).toBeLessThan(190);
  });

  it('answers short ranges from raw rows with the same power as the store', () => {
    t = tempDb();
    const store = storeOn(t.db);
    const t0 = Date.parse('2026-05-01T00:00:00Z');
    store.insert(Array.from({ length: 600 }, (_, i) => readingAt(t0 + (i + 1) * 1000, 100 + i)));
    const h = query(t.db).history(t0, t0 + 600_001, 1000);
    expect(h.level).toBe('raw');
    const rms = (t.db.prepare('SELECT rms_mc FROM reading ORDER BY k').all() as { rms_mc: number }[]).map((r) => r.rms_mc);
    expect(h.max.at(-1)).toBeCloseTo(storedPower(rms.at(-1)!), 9);
    expect(h.mean[10]).toBeCloseTo(storedPower(rms[10]!), 9);
  });

  it('marks missing time in the buckets of a gap', () => {
    t = tempDb();
    const store = storeOn(t.db);
    const t0 = Date.parse('2026-05-01T00:00:00Z');
    store.insert([readingAt(t0 + 1000, 300), readingAt(t0 + 2000, 300), readingAt(t0 + 2000 + 2 * H, 300)]);
    const h = query(t.db).history(t0, t0 + 4 * H, 200);
    expect(h.level).toBe('minute');
    const missing = h.missingS.reduce((a, b) => a + b, 0);
    expect(missing).toBe(2 * 3600);
  });
});

describe('HistoryQuery: the 10 s level', () => {
  const t0 = Date.parse('2026-05-01T00:00:00Z');
  /** 8 hours at 2 readings a second, the power changing every reading. */
  const eightHours = (o: Parameters<typeof storeOn>[1] = {}): void => {
    const store = storeOn(t.db, o);
    const rows = Array.from({ length: 8 * 7200 }, (_, i) => readingAt(t0 + (i + 1) * 500, 100 + ((i * 37) % 3000)));
    for (let i = 0; i < rows.length; i += 10_000) store.insert(rows.slice(i, i + 10_000));
  };

  it('answers a few hours from 10 s rollups with the buckets raw rows give', () => {
    t = tempDb();
    eightHours();
    const q = query(t.db);
    const h = q.history(t0 + H, t0 + 7 * H, 1000);
    expect(h.level).toBe('10s');
    const r = q.history(t0 + H, t0 + 7 * H, 1000, true);
    expect(h.t).toEqual(r.t);
    expect(h.n).toEqual(r.n);
    expect(h.missingS).toEqual(r.missingS);
    // Rollups keep power to the watt and energy to the mJ.
    h.mean.forEach((m, i) => expect(Math.abs(m! - r.mean[i]!)).toBeLessThan(0.01));
    h.max.forEach((m, i) => expect(Math.abs(m! - r.max[i]!)).toBeLessThanOrEqual(0.5));
  });

  it('reads raw rows before the first 10 s rollup (a database from before the level), and minutes where only they remain', () => {
    t = tempDb();
    eightHours();
    // As an older app left it: no 10 s rollups for the first 4 hours.
    t.db.prepare('DELETE FROM rollup_10s WHERE b < ?').run((t0 + 4 * H) / 10_000);
    const q = query(t.db);
    expect(q.history(t0 + H, t0 + 7 * H, 1000).level).toBe('raw');
    expect(q.history(t0 + 5 * H, t0 + 7 * H, 500).level).toBe('10s');
    // Past retention: raw rows and their 10 s rollups pruned, minutes kept.
    new RawRetention(t.db).step(t0 + 6 * H, 1_000_000);
    expect((t.db.prepare('SELECT min(b) AS b FROM rollup_10s').get() as { b: number }).b).toBe((t0 + 6 * H) / 10_000);
    const past = q.history(t0 + H, t0 + 5 * H, 1000);
    expect(past.level).toBe('minute');
    expect(past.n.reduce((a, b) => a + b, 0)).toBe(4 * 7200);
  });
});

describe('EnergyQuery', () => {
  it('names local days, months and years and gives the 23-hour DST day its 23 hours of energy', () => {
    t = tempDb();
    const store = storeOn(t.db);
    // 1000 W from 2026-03-28 00:00 Paris to 2026-03-30 00:00 Paris, a reading every 10 s.
    const from = Date.parse('2026-03-27T23:00:00Z');
    const to = Date.parse('2026-03-29T22:00:00Z');
    const rows = [];
    for (let x = from; x <= to; x += 10_000) rows.push(readingAt(x, 1000));
    store.insert(rows);
    const p = storedPower((t.db.prepare('SELECT rms_mc FROM reading LIMIT 1').get() as { rms_mc: number }).rms_mc);
    const q = new EnergyQuery(t.db, () => 'Europe/Paris');
    const days = q.energy(from, to, 'day');
    // [from, to): the reading at 2026-03-30 00:00 Paris is not asked for.
    expect(days.map((d) => d.period)).toEqual(['2026-03-28', '2026-03-29']);
    // The first reading of the 28th has nothing before it (no span).
    // Energy is rounded to the mJ per reading: within 8640 x 0.5 mJ.
    expect(days[0]!.wh).toBeCloseTo((p * (24 * 3600 - 10)) / 3600, 2);
    expect(days[1]!.wh).toBeCloseTo((p * 23 * 3600) / 3600, 2);
    expect(days[1]!.end - days[1]!.start).toBe(23 * H);
    const month = q.energy(from, to, 'month');
    expect(month).toEqual([expect.objectContaining({ period: '2026-03' })]);
    // The month is whole: it also holds the reading at 2026-03-30 00:00 and its 10 s.
    expect(month[0]!.wh).toBeCloseTo(days.reduce((s, d) => s + d.wh, 0) + (p * 10) / 3600, 2);
    expect(q.energy(from, to, 'year').map((y) => y.period)).toEqual(['2026']);
  });
});

describe('RawRetention', () => {
  it('deletes old raw rows in bounded steps, oldest first, and leaves rollups alone', () => {
    t = tempDb();
    const store = storeOn(t.db);
    const t0 = Date.parse('2026-05-01T00:00:00Z');
    store.insert(Array.from({ length: 5000 }, (_, i) => readingAt(t0 + (i + 1) * 1000, 400)));
    const rollupsBefore = t.db.prepare('SELECT sum(n) AS n FROM rollup_minute').get();
    const r = new RawRetention(t.db);
    const cutoff = t0 + 4001 * 1000;
    expect(r.step(cutoff, 1500)).toBe(1500);
    expect((t.db.prepare('SELECT min(k) >> 3 AS t FROM reading').get() as { t: number }).t).toBe(t0 + 1501 * 1000);
    expect(r.step(cutoff, 1500)).toBe(1500);
    expect(r.step(cutoff, 1500)).toBe(1000);
    expect(r.step(cutoff, 1500)).toBe(0);
    expect(new ReadingStore(t.db).count()).toBe(1000);
    expect(t.db.prepare('SELECT sum(n) AS n FROM rollup_minute').get()).toEqual(rollupsBefore);
  });
});
