import { afterEach, describe, expect, it } from 'vitest';
import { EnergyQuery } from '../../../src/main/energy/energy-query';
import { missingMsOf } from '../../../src/main/energy/missing-time';
import type { TimedReading } from '../../../src/main/storage/history-writer';
import { startOfDate } from '../../../src/shared/local-time';
import { readingAt, storeOn, tempDb } from '../../helpers/history-db';

const TZ = 'Europe/Paris';
const H = 3_600_000;
const D1 = startOfDate('2026-06-01', TZ);
const D2 = startOfDate('2026-06-02', TZ);
const D3 = startOfDate('2026-06-03', TZ);
const D4 = startOfDate('2026-06-04', TZ);

let db: ReturnType<typeof tempDb> | null = null;
afterEach(() => db?.close());

const everySecond = (from: number, to: number, watts: number): TimedReading[] => Array.from({ length: (to - from) / 1000 }, (_, i) => readingAt(from + (i + 1) * 1000, watts));

describe('EnergyQuery', () => {
  it('counts the hours of a day before its first reading as missing', () => {
    db = tempDb();
    storeOn(db.db).insert(everySecond(D2 + 6 * H, D3, 1000));
    const [day] = new EnergyQuery(
      db.db,
      () => TZ,
      () => D4 + H,
    ).energy(D2, D3, 'day');
    // 6 h before the first reading, and the first reading's own second (nothing before it to cover).
    expect(day).toMatchObject({ period: '2026-06-02', missingS: 6 * 3600 + 1 });
    expect(day!.wh).toBeCloseTo(18 * 1000, -1);
  });

  it('gives every day of the range, a day with no readings wholly missing, and nothing missing in the future', () => {
    db = tempDb();
    storeOn(db.db).insert(everySecond(D2, D2 + 12 * H, 500));
    const days = new EnergyQuery(
      db.db,
      () => TZ,
      () => D3 + 3 * H,
    ).energy(D1, D4, 'day');
    expect(days.map((d) => [d.period, d.missingS])).toEqual([
      ['2026-06-01', 24 * 3600],
      ['2026-06-02', 12 * 3600 + 1],
      ['2026-06-03', 3 * 3600],
    ]);
  });

  it('sums a month from every one of its days, even when the range starts mid-month', () => {
    db = tempDb();
    storeOn(db.db).insert(everySecond(D1, D1 + H, 1000));
    storeOn(db.db).insert(everySecond(D3, D3 + H, 1000));
    const [month] = new EnergyQuery(
      db.db,
      () => TZ,
      () => D4,
    ).energy(D2 + H, D2 + 2 * H, 'month');
    expect(month!.period).toBe('2026-06');
    expect(month!.wh).toBeCloseTo(2000, -1);
  });
});

describe('missingMsOf()', () => {
  const recorded = { firstT: 100, lastT: 200 };

  it('adds the time before the first reading and after the last, up to now, to the stored gaps', () => {
    expect(missingMsOf(0, 300, 10, recorded, 1000)).toBe(100 + 10 + 100);
    expect(missingMsOf(0, 300, 10, recorded, 250)).toBe(100 + 10 + 50);
  });

  it('gives a whole period when nothing was ever recorded, and nothing for the future', () => {
    expect(missingMsOf(0, 300, 0, { firstT: null, lastT: null }, 1000)).toBe(300);
    expect(missingMsOf(500, 800, 0, recorded, 400)).toBe(0);
  });
});
