import Database from 'better-sqlite3';
import { DEFAULT_CALIBRATION, currentFromRms, powerFromCurrent } from '../../src/main/acquisition/calibration';

/** One row of the old `adc` table: time in Unix seconds (a float), counts as REALs. */
export interface LegacyRow {
  time: unknown;
  channel: unknown;
  rms: unknown;
  mean: unknown;
  minadc: unknown;
  maxadc: unknown;
}

/** The old daemon's table (FACTS.md), for tests and the benchmarks' baselines. */
export const LEGACY_ADC_SCHEMA = `
  CREATE TABLE adc (time REAL, channel INTEGER, rms REAL, mean REAL, minadc REAL, maxadc REAL, PRIMARY KEY (time, channel));
  CREATE UNIQUE INDEX idx_time ON adc (time, channel);`;

/**
 * The old system's power.db as its daemon made it (FACTS.md): REAL columns,
 * (time, channel) primary key, and the redundant unique index idx_time.
 * Rows go in the given order, which becomes their rowid order.
 */
export function writeLegacyDb(path: string, rows: Iterable<LegacyRow>): void {
  const db = new Database(path);
  db.exec(LEGACY_ADC_SCHEMA);
  const insert = db.prepare('INSERT INTO adc (time, channel, rms, mean, minadc, maxadc) VALUES (?, ?, ?, ?, ?, ?)');
  db.transaction(() => {
    for (const r of rows) insert.run(r.time, r.channel, r.rms, r.mean, r.minadc, r.maxadc);
  })();
  db.close();
}

/** A deterministic stream of valid windows every `stepS` seconds, with float jitter on the times as the old daemon had. */
export function* legacyWindows(fromS: number, toS: number, stepS: number, seed = 7): Generator<LegacyRow & { time: number; rms: number }> {
  let x = seed >>> 0;
  const rand = (): number => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x / 2 ** 32;
  };
  for (let t = fromS; t < toS; t += stepS) {
    const rms = 1 + 20 * rand() + (rand() < 0.05 ? 60 : 0);
    const mean = 511 + rand();
    yield { time: t + rand() * 0.004, channel: 0, rms, mean, minadc: Math.floor(mean - 3 * rms) - 1, maxadc: Math.ceil(mean + 3 * rms) + 1 };
  }
}

/**
 * Energy per local day (Wh) computed straight from source records, independently
 * of the app's storage: sorted by time in ms, each record covering the time since
 * the previous one when that is at most `maxGapMs`, at the default calibration.
 */
export function energyPerDay(records: Iterable<{ t: number; rms: number }>, timeZone: string, maxGapMs = 10_000): Map<string, number> {
  const sorted = [...records].sort((a, b) => a.t - b.t);
  // en-CA writes dates as YYYY-MM-DD: the labels of the app's energy rows.
  const dateOf = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  const out = new Map<string, number>();
  let prev = NaN;
  for (const r of sorted) {
    const span = r.t - prev;
    if (span > 0 && span <= maxGapMs) {
      const w = powerFromCurrent(currentFromRms(r.rms, DEFAULT_CALIBRATION), DEFAULT_CALIBRATION);
      const day = dateOf.format(r.t);
      out.set(day, (out.get(day) ?? 0) + (w * span) / 3_600_000);
    }
    prev = r.t;
  }
  return out;
}
