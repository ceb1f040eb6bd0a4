import { afterEach, describe, expect, it } from 'vitest';
import { localDayNumber } from '../../../src/shared/zoned-calendar';
import { readingAt, storeOn, storedPower, tempDb } from '../../helpers/history-db';

type Raw = { k: number; rms_mc: number; span_ms: number };
type Roll = { b: number; n: number; energy_mj: number; covered_ms: number; missing_ms: number; min_w: number | null; max_w: number | null };

let t: ReturnType<typeof tempDb>;
afterEach(() => t?.close());

const raw = (): Raw[] => t.db.prepare('SELECT k, rms_mc, span_ms FROM reading ORDER BY k').all() as Raw[];
const rollups = (level: string): Roll[] => t.db.prepare(`SELECT * FROM rollup_${level} ORDER BY b`).all() as Roll[];

/** Energy per bucket recomputed from raw rows alone, independently of the writer. */
function rawEnergyBy(key: (t: number) => number): Map<number, number> {
  const m = new Map<number, number>();
  for (const r of raw()) {
    const e = r.span_ms > 0 ? Math.round(storedPower(r.rms_mc) * r.span_ms) : 0;
    const b = key(Math.floor(r.k / 8));
    m.set(b, (m.get(b) ?? 0) + e);
  }
  return m;
}

describe('HistoryWriter', () => {
  it('keeps every rollup level equal to the energy of its raw readings, across batches and boundaries', () => {
    t = tempDb();
    const store = storeOn(t.db);
    // 2026-03-28 23:50 Paris (22:50 UTC) for 30 minutes: crosses minutes, an hour and a local day.
    const start = Date.parse('2026-03-28T22:50:00Z');
    let batch = [];
    for (let i = 1; i <= 1800 * 2; i++) {
      batch.push(readingAt(start + i * 500, 150 + ((i * 37) % 2900)));
      if (batch.length === 333) {
        store.insert(batch);
        batch = [];
      }
    }
    store.insert(batch);
    const byMinute = rawEnergyBy((x) => Math.floor(x / 60_000));
    expect(rollups('10s').map((r) => [r.b, r.energy_mj])).toEqual([...rawEnergyBy((x) => Math.floor(x / 10_000))]);
    expect(rollups('10min').map((r) => [r.b, r.energy_mj])).toEqual([...rawEnergyBy((x) => Math.floor(x / 600_000))]);
    const byHour = rawEnergyBy((x) => Math.floor(x / 3_600_000));
    const byDay = rawEnergyBy((x) => localDayNumber(x, 'Europe/Paris'));
    expect(rollups('minute').map((r) => [r.b, r.energy_mj])).toEqual([...byMinute]);
    expect(rollups('hour').map((r) => [r.b, r.energy_mj])).toEqual([...byHour]);
    expect(rollups('day').map((r) => [r.b, r.energy_mj])).toEqual([...byDay]);
    expect(rollups('day')).toHaveLength(2);
    const total = [...byMinute.values()].reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(0);
    // min/max and counts too
    const minute = rollups('minute')[3]!;
    const inMinute = raw().filter((r) => Math.floor(r.k / 8 / 60_000) === minute.b);
    expect(minute.n).toBe(inMinute.length);
    expect(minute.max_w).toBe(Math.max(...inMinute.map((r) => Math.round(storedPower(r.rms_mc)))));
    expect(minute.min_w).toBe(Math.min(...inMinute.map((r) => Math.round(storedPower(r.rms_mc)))));
  });

  it('records a gap longer than maxGapS as missing time over every bucket it crosses, never as energy', () => {
    t = tempDb();
    const store = storeOn(t.db);
    const t0 = Date.parse('2026-05-01T10:00:00Z');
    store.insert([readingAt(t0, 1000), readingAt(t0 + 1000, 1000)]);
    // Three hours without readings, then one more.
    const after = t0 + 1000 + 3 * 3_600_000;
    store.insert([readingAt(after, 1000), readingAt(after + 1000, 1000)]);
    const spans = raw().map((r) => r.span_ms);
    expect(spans).toEqual([0, 1000, -3 * 3_600_000, 1000]);
    const minutes = rollups('minute');
    expect(minutes.reduce((s, r) => s + r.missing_ms, 0)).toBe(3 * 3_600_000);
    expect(rollups('hour').reduce((s, r) => s + r.missing_ms, 0)).toBe(3 * 3_600_000);
    const full = minutes.filter((r) => r.missing_ms === 60_000);
    expect(full.length).toBeGreaterThanOrEqual(179);
    expect(full.every((r) => r.n === 0 && r.energy_mj === 0 && r.min_w === null)).toBe(true);
    // Energy: only the two covered seconds.
    const energy = rollups('day').reduce((s, r) => s + r.energy_mj, 0);
    expect(energy).toBe(2 * Math.round(storedPower(raw()[1]!.rms_mc) * 1000));
  });

  it('bridges a gap at the limit but not beyond it', () => {
    t = tempDb();
    const store = storeOn(t.db, { maxGapMs: () => 10_000 });
    const t0 = Date.parse('2026-05-01T10:00:00Z');
    store.insert([readingAt(t0, 500), readingAt(t0 + 10_000, 500), readingAt(t0 + 20_001, 500)]);
    expect(raw().map((r) => r.span_ms)).toEqual([0, 10_000, -10_001]);
  });

  it('takes the interval from the monotonic clock, so a wall-clock jump adds neither energy nor missing time', () => {
    t = tempDb();
    const store = storeOn(t.db);
    const t0 = Date.parse('2026-05-01T10:00:00Z');
    // The wall clock leaps 2 hours forward between two readings 500 ms apart.
    store.insert([readingAt(t0, 2000, 100_000), readingAt(t0 + 500, 2000, 100_500), readingAt(t0 + 7_200_000 + 1000, 2000, 101_000)]);
    expect(raw().map((r) => r.span_ms)).toEqual([0, 500, 500]);
    expect(rollups('hour').reduce((s, r) => s + r.missing_ms, 0)).toBe(0);
  });

  it('refuses readings at or before the last one written, so nothing is duplicated or counted twice', () => {
    t = tempDb();
    const logs: string[] = [];
    const store = storeOn(t.db, { log: (l) => logs.push(l) });
    const t0 = Date.parse('2026-05-01T10:00:00Z');
    const batch = [1, 2, 3].map((i) => readingAt(t0 + i * 500, 800));
    expect(store.insert(batch)).toBe(3);
    const before = rollups('minute');
    expect(store.write(batch)).toEqual({ written: 0, refused: 3 });
    expect(rollups('minute')).toEqual(before);
    expect(logs.join('\n')).toMatch(/3 readings skipped: their minutes already hold readings/);
  });

  it('continues the timeline after a restart: the first new reading is measured from the last stored one', () => {
    t = tempDb();
    const t0 = Date.parse('2026-05-01T10:00:00Z');
    storeOn(t.db).insert([readingAt(t0, 800), readingAt(t0 + 500, 800)]);
    const again = storeOn(t.db);
    expect(again.lastT).toBe(t0 + 500);
    again.insert([readingAt(t0 + 4000, 800, 12), readingAt(t0 + 4500, 800, 512), readingAt(t0 + 60_000, 800, 56_012)]);
    expect(raw().map((r) => r.span_ms)).toEqual([0, 500, 3500, 500, -55_500]);
  });

  it('keeps raw rows only from rawFrom on, and rollups for everything', () => {
    t = tempDb();
    const t0 = Date.parse('2026-05-01T10:00:00Z');
    const store = storeOn(t.db, { rawFrom: () => t0 + 30_000 });
    store.insert(Array.from({ length: 120 }, (_, i) => readingAt(t0 + (i + 1) * 500, 300)));
    expect(raw()).toHaveLength(61);
    expect(rollups('minute').reduce((s, r) => s + r.n, 0)).toBe(120);
  });

  it('keeps 10 s rollups only where raw readings are kept: not past retention', () => {
    t = tempDb();
    const t0 = Date.parse('2026-05-01T10:00:00Z');
    const rawFrom = t0 + 60_000;
    const store = storeOn(t.db, { rawFrom: () => rawFrom });
    store.insert(Array.from({ length: 240 }, (_, i) => readingAt(t0 + (i + 1) * 500, 500)));
    expect(raw().every((r) => Math.floor(r.k / 8) >= rawFrom)).toBe(true);
    // Readings end their windows at t0 + 0.5 s .. t0 + 120 s: those from rawFrom on fill 10 s buckets 6 to 12.
    expect(rollups('10s').map((r) => r.b)).toEqual(Array.from({ length: 7 }, (_, i) => rawFrom / 10_000 + i));
    expect(rollups('10s').reduce((a, r) => a + r.n, 0)).toBe(raw().length);
    expect(rollups('minute').reduce((a, r) => a + r.n, 0)).toBe(240);
  });
});
