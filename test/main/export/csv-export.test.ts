import { afterEach, describe, expect, it } from 'vitest';
import { type Calibration, DEFAULT_CALIBRATION } from '../../../src/main/acquisition/calibration';
import { EnergyQuery } from '../../../src/main/energy/energy-query';
import { csvExport } from '../../../src/main/export/csv-export';
import type { TimedReading } from '../../../src/main/storage/history-writer';
import { startOfDate } from '../../../src/shared/local-time';
import { readingAt, storeOn, tempDb } from '../../helpers/history-db';

const TZ = 'Europe/Paris';
const H = 3_600_000;
const DAY = '2026-03-29'; // 23 hours in Paris
const dayStart = startOfDate(DAY, TZ);
const dayEnd = startOfDate('2026-03-30', TZ);
const NOW = Date.parse('2026-04-15T12:00:00Z');

let db: ReturnType<typeof tempDb> | null = null;
afterEach(() => db?.close());

/** Readings every 2 s over [from, to) drawing `watts`, the monotonic clock `monoShift` behind the wall clock. */
function readings(from: number, to: number, watts: number, monoShift = 0): TimedReading[] {
  const out: TimedReading[] = [];
  for (let t = from; t < to; t += 2000) out.push(readingAt(t, watts, t - monoShift));
  return out;
}

const exported = (resolution: '1h' | '1day' | 'raw', from = dayStart, to = dayEnd, cal = DEFAULT_CALIBRATION): string[][] =>
  [...csvExport(db!.db, { from, to }, { resolution, locale: 'en', timeZone: TZ, calibration: cal }).lines].slice(1).map((line) => line.trimEnd().split(','));
const whOf = (rows: string[][]): number => rows.reduce((sum, row) => sum + Number(row[3]), 0);

/**
 * The first readings at 03:00 (the night before has none), a recalibration at
 * 10:00, an hour off at 12:00, and at 15:00 the wall clock steps 5 minutes
 * forward while the monotonic clock goes on: 2 s of energy, not a 5 min gap.
 */
function recordTheDay(): { calibrationNow: Calibration } {
  db = tempDb();
  let cal: Calibration = DEFAULT_CALIBRATION;
  const store = storeOn(db.db, { calibration: () => cal });
  const at = (hour: number): number => dayStart + (hour - 1) * H; // 02:00 does not exist: local hour h >= 3 is h - 1 hours after midnight
  store.insert(readings(at(3), at(10), 1000));
  cal = { ...DEFAULT_CALIBRATION, ampsPerCount: 0.3 };
  store.insert(readings(at(10), at(12), 1000));
  store.insert(readings(at(13), at(15), 2000, 0));
  store.insert(readings(at(15) + 5 * 60_000, at(20), 500, 5 * 60_000));
  return { calibrationNow: cal };
}

describe('csvExport()', () => {
  it('exports a day whose Wh equal /api/energy for it, across a DST day, a recalibration and a clock step', () => {
    const { calibrationNow } = recordTheDay();
    const [energy] = new EnergyQuery(
      db!.db,
      () => TZ,
      () => NOW,
    ).energy(dayStart, dayEnd, 'day');
    const day = exported('1day', dayStart, dayEnd, calibrationNow);
    expect(day).toHaveLength(1);
    expect(day[0]![0]).toBe('2026-03-29T00:00:00.000+01:00');
    expect(Number(day[0]![3])).toBeCloseTo(energy!.wh, 3);
    expect(whOf(exported('1h', dayStart, dayEnd, calibrationNow))).toBeCloseTo(energy!.wh, 2);
    // 7 h at 1 kW (written under 0.27 A/count), 2 h at 1 kW under 0.30, 2 h at 2 kW, 4 h 55 min at 500 W plus the 2 s across the step.
    const expected = 7 * 1000 + 2 * 1000 * (0.3 / 0.27) + 2 * 2000 * (0.3 / 0.27) + (4 * 60 + 55) * (500 / 60) * (0.3 / 0.27);
    expect(energy!.wh).toBeCloseTo(expected, -1);
  });

  it('counts the raw export energy over the stored spans, so the clock step is 2 s of energy, not a gap', () => {
    db = tempDb();
    const store = storeOn(db.db);
    const from = dayStart + 10 * H;
    store.insert(readings(from, from + H, 1200));
    store.insert(readings(from + H + 5 * 60_000, from + 2 * H, 1200, 5 * 60_000));
    const [energy] = new EnergyQuery(
      db.db,
      () => TZ,
      () => NOW,
    ).energy(dayStart, dayEnd, 'day');
    const raw = exported('raw');
    // Each line rounds its Wh to 4 decimals.
    expect(Math.abs(whOf(raw) - energy!.wh)).toBeLessThan(raw.length * 0.00005);
    expect(energy!.wh).toBeCloseTo((1200 * (2 * H - 5 * 60_000)) / H, -1);
  });

  it('exports hours and days past raw retention from the rollups', () => {
    db = tempDb();
    storeOn(db.db, { rawFrom: () => dayEnd }).insert(readings(dayStart, dayEnd, 600));
    expect(exported('raw')).toHaveLength(0);
    const hours = exported('1h');
    expect(hours).toHaveLength(23);
    expect(hours[2]![0]).toBe('2026-03-29T03:00:00.000+02:00');
    expect(Number(hours[5]![1])).toBeCloseTo(600, 0);
    expect(whOf(hours)).toBeCloseTo(600 * 23, -1);
  });

  it('marks an aggregated row with the health flags of its raw readings while they are kept', () => {
    db = tempDb();
    const rows = readings(dayStart, dayStart + 2 * H, 300);
    rows[1000] = { ...rows[1000]!, flags: 1 };
    storeOn(db.db).insert(rows);
    const hours = exported('1h');
    expect(hours.map((h) => h[7])).toEqual(['Drift', '']);
  });

  it('exports 25 local hours on the autumn day, the hour that happens twice as two rows told apart by their offsets', () => {
    db = tempDb();
    const autumn = startOfDate('2026-10-25', TZ);
    const end = startOfDate('2026-10-26', TZ);
    storeOn(db.db).insert(readings(autumn, end, 800));
    const hours = exported('1h', autumn, end).map((row) => row[0]);
    expect(hours).toHaveLength(25);
    expect(hours).toContain('2026-10-25T02:00:00.000+02:00');
    expect(hours).toContain('2026-10-25T02:00:00.000+01:00');
  });
});
