import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CALIBRATION } from '../../../src/main/acquisition/calibration';
import { type Config, ConfigSchema } from '../../../src/main/config/config-schema';
import { sqliteSource } from '../../../src/main/import/sqlite-source';
import { type ImportSummary, runImport } from '../../../src/main/import/run-import';
import { openDatabase } from '../../../src/main/storage/database';
import { EnergyQuery } from '../../../src/main/energy/energy-query';
import { ReadingStore } from '../../../src/main/storage/reading-store';
import { ROLLUP_LEVELS } from '../../../src/main/storage/rollup-levels';
import { readingAt, storeOn, storedPower as storedPowerOf } from '../../helpers/history-db';
import { type LegacyRow, energyPerDay, legacyWindows, writeLegacyDb } from '../../helpers/legacy-db';
import { CLI, assertBuilt } from '../../helpers/serve';
import { useTempDir } from '../../helpers/temp-dir';

const TZ = 'Europe/Paris';
// Three local days around the end of summer time (2025-10-26 has 25 hours).
const FROM_S = Date.parse('2025-10-25T00:00:00+02:00') / 1000;
const TO_S = Date.parse('2025-10-28T00:00:00+01:00') / 1000;
const NOW = Date.parse('2025-11-01T12:00:00Z');

const tempDir = useTempDir();

const configWith = (retentionDays: number): Config => ConfigSchema.parse({ storage: { retentionDays } });

/** The source's records with an hour missing on the 26th, as the old daemon's restarts left them. */
function sourceRows(): (LegacyRow & { time: number; rms: number })[] {
  const hole = [Date.parse('2025-10-26T13:00:00Z') / 1000, Date.parse('2025-10-26T14:00:00Z') / 1000];
  return [...legacyWindows(FROM_S, TO_S, 1)].filter((r) => r.time < hole[0]! || r.time >= hole[1]!);
}

async function importInto(dbPath: string, legacyPath: string, config: Config, batchSize = 20_000): Promise<ImportSummary> {
  const source = sqliteSource(legacyPath);
  try {
    return await runImport({ source, dbPath, config, dryRun: false, batchSize, now: NOW });
  } finally {
    await source.close();
  }
}

function dayEnergies(db: Database.Database): Map<string, number> {
  const rows = new EnergyQuery(db, () => TZ).energy(FROM_S * 1000 - 86_400_000, TO_S * 1000 + 86_400_000, 'day');
  return new Map(rows.filter((r) => r.wh > 0).map((r) => [r.period, r.wh]));
}

function expectSameEnergy(actual: Map<string, number>, expected: Map<string, number>): void {
  expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
  for (const [day, wh] of expected) {
    // Storage keeps rms to a thousandth of a count: ~1 mWh of rounding over a day.
    expect(Math.abs(actual.get(day)! - wh), `energy of ${day}: ${actual.get(day)} Wh vs ${wh} Wh from the source`).toBeLessThan(0.01 + wh * 1e-7);
  }
}

const rollupSums = (db: Database.Database): unknown[] =>
  ROLLUP_LEVELS.map((l) => db.prepare(`SELECT count(*) AS rows, sum(n) AS n, sum(energy_mj) AS e, sum(covered_ms) AS c, sum(missing_ms) AS m FROM rollup_${l}`).get());

describe('import sqlite: the old power.db', () => {
  it('brings every valid record in as a reading with the same time, channel, mean, min, max and rms', async () => {
    const dir = tempDir();
    const rows = sourceRows();
    writeLegacyDb(join(dir, 'power.db'), rows);
    const dbPath = join(dir, 'corcy.db');
    const s = await importInto(dbPath, join(dir, 'power.db'), configWith(36_600));
    expect(s.counts).toMatchObject({ records: rows.length, valid: rows.length, raw: rows.length, rollupOnly: 0, minuteHeld: 0, skipped: {} });
    const db = openDatabase(dbPath);
    try {
      const got = new ReadingStore(db).range(FROM_S * 1000 - 1000, TO_S * 1000 + 1000, DEFAULT_CALIBRATION);
      expect(got).toHaveLength(rows.length);
      // Plain comparisons first: 255,000 rows through expect() one by one would take half a minute.
      const wrong = got.filter((r, i) => {
        const src = rows[i]!;
        return (
          r.t !== Math.round(src.time * 1000) ||
          r.channel !== 0 ||
          Math.abs(r.mean - (src.mean as number)) > 0.0005 ||
          Math.abs(r.rms - src.rms) > 0.0005 ||
          r.min !== src.minadc ||
          r.max !== src.maxadc
        );
      });
      expect(wrong.slice(0, 3)).toEqual([]);
      const counted = db.prepare('SELECT sum(n) AS n FROM rollup_day').get() as { n: number };
      expect(counted.n).toBe(rows.length);
    } finally {
      db.close();
    }
  });

  it('gives per-day energy equal to the source by the same calibration, raw or past retention, DST day included', async () => {
    const dir = tempDir();
    const rows = sourceRows();
    writeLegacyDb(join(dir, 'power.db'), rows);
    const expected = energyPerDay(rows.map((r) => ({ t: Math.round(r.time * 1000), rms: r.rms })), TZ);
    expect(expected.size).toBe(3);
    for (const [name, retention] of [['raw', 36_600], ['rollups only', 3]] as const) {
      const dbPath = join(dir, `${name}.db`);
      const s = await importInto(dbPath, join(dir, 'power.db'), configWith(retention));
      if (retention === 3) expect(s.counts).toMatchObject({ raw: 0, rollupOnly: rows.length });
      const db = openDatabase(dbPath);
      try {
        expectSameEnergy(dayEnergies(db), expected);
        // The missing hour is missing time, not energy.
        const missing = (db.prepare('SELECT sum(missing_ms) AS m FROM rollup_day').get() as { m: number }).m;
        expect(missing).toBeGreaterThanOrEqual(3_600_000);
        expect(missing).toBeLessThan(3_600_000 + 2000);
      } finally {
        db.close();
      }
    }
  });

  it('skips malformed records, counts them by reason and lists them with their rowid in the report; the import finishes', async () => {
    const dir = tempDir();
    const good = [...legacyWindows(FROM_S, FROM_S + 600, 1)];
    const bad: LegacyRow[] = [
      { time: FROM_S + 1000.2, channel: 0, rms: 'abc', mean: 511, minadc: 500, maxadc: 520 },
      { time: FROM_S + 1001.2, channel: 0, rms: null, mean: 511, minadc: 500, maxadc: 520 },
      { time: 946_684_799, channel: 0, rms: 3, mean: 511, minadc: 500, maxadc: 520 },
      { time: NOW / 1000 + 3600, channel: 0, rms: 3, mean: 511, minadc: 500, maxadc: 520 },
      { time: FROM_S + 1002.2, channel: 0, rms: 3, mean: 511, minadc: -1, maxadc: 520 },
      { time: FROM_S + 1003.2, channel: 0, rms: 3, mean: 511, minadc: 500.5, maxadc: 520 },
      { time: FROM_S + 1004.2, channel: 9, rms: 3, mean: 511, minadc: 500, maxadc: 520 },
    ];
    writeLegacyDb(join(dir, 'power.db'), [...good.slice(0, 300), ...bad, ...good.slice(300)]);
    const report = join(dir, 'skipped.csv');
    const source = sqliteSource(join(dir, 'power.db'));
    const s = await runImport({ source, dbPath: join(dir, 'corcy.db'), config: configWith(36_600), dryRun: false, now: NOW, reportPath: report });
    await source.close();
    expect(s.counts.valid).toBe(good.length);
    expect(s.counts.raw).toBe(good.length);
    expect(s.counts.skipped).toEqual({
      'non-numeric': 1,
      'missing-field': 1,
      'time-before-2000': 1,
      'time-in-future': 1,
      'count-out-of-range': 1,
      'fractional-count': 1,
      'bad-channel': 1,
    });
    expect(s.reportPath).toBe(report);
    const lines = (await import('node:fs')).readFileSync(report, 'utf8').trim().split('\n').slice(2);
    expect(lines.map((l) => l.split(',').slice(0, 2).join(','))).toEqual([
      'rowid 301,non-numeric',
      'rowid 302,missing-field',
      'rowid 303,time-before-2000',
      'rowid 304,time-in-future',
      'rowid 305,count-out-of-range',
      'rowid 306,fractional-count',
      'rowid 307,bad-channel',
    ]);
  });

  it('a dry run counts, spans and lists problems, and writes nothing', async () => {
    const dir = tempDir();
    writeLegacyDb(join(dir, 'power.db'), [...legacyWindows(FROM_S, FROM_S + 3600, 1), { time: 'x', channel: 0, rms: 1, mean: 511, minadc: 500, maxadc: 520 }]);
    const dbPath = join(dir, 'corcy.db');
    const source = sqliteSource(join(dir, 'power.db'));
    const s = await runImport({ source, dbPath, config: configWith(36_600), dryRun: true, now: NOW });
    await source.close();
    expect(s.counts).toMatchObject({ records: 3601, valid: 3600, skipped: { 'non-numeric': 1 }, raw: 0 });
    expect(s.counts.firstT).toBeGreaterThanOrEqual(FROM_S * 1000);
    expect(s.examples[0]).toMatchObject({ position: 'rowid 3601', reason: 'non-numeric' });
    expect((await import('node:fs')).existsSync(dbPath)).toBe(false);
  });

  it('re-running adds nothing: same rows, same rollups', async () => {
    const dir = tempDir();
    writeLegacyDb(join(dir, 'power.db'), sourceRows());
    const dbPath = join(dir, 'corcy.db');
    await importInto(dbPath, join(dir, 'power.db'), configWith(36_600));
    const db = openDatabase(dbPath);
    const before = { n: new ReadingStore(db).count(), rollups: rollupSums(db) };
    db.close();
    const again = await importInto(dbPath, join(dir, 'power.db'), configWith(36_600));
    expect(again.counts.raw + again.counts.rollupOnly).toBe(0);
    expect(again.counts.minuteHeld).toBe(again.counts.valid);
    const db2 = openDatabase(dbPath);
    expect({ n: new ReadingStore(db2).count(), rollups: rollupSums(db2) }).toEqual(before);
    db2.close();
  });

  it("keeps the app's own readings where both overlap, per minute, and corrects the span of the app's first reading", async () => {
    const dir = tempDir();
    const dbPath = join(dir, 'corcy.db');
    // The app recorded 20 minutes on the 25th, at 2 readings a second, drawing 1 kW.
    const appFrom = Date.parse('2025-10-25T10:00:00Z');
    const app = Array.from({ length: 2400 }, (_, i) => readingAt(appFrom + 500 * (i + 1), 1000, null));
    const db = openDatabase(dbPath);
    storeOn(db).insert(app);
    expect(db.prepare('SELECT span_ms FROM reading ORDER BY k LIMIT 1').get()).toEqual({ span_ms: 0 });
    db.close();
    const rows = sourceRows();
    writeLegacyDb(join(dir, 'power.db'), rows);
    const s = await importInto(dbPath, join(dir, 'power.db'), configWith(36_600));
    const appMinutes = new Set(app.map((r) => Math.floor(r.t / 60_000)));
    const kept = rows.filter((r) => !appMinutes.has(Math.floor(Math.round(r.time * 1000) / 60_000)));
    expect(s.counts.minuteHeld).toBe(rows.length - kept.length);
    expect(s.counts.raw).toBe(kept.length);
    expect(s.counts.respanned).toBe(1);
    const db2 = openDatabase(dbPath);
    try {
      const inApp = new ReadingStore(db2).range(appFrom, appFrom + 20 * 60_000 + 1000, DEFAULT_CALIBRATION);
      expect(inApp.map((r) => r.t)).toEqual(app.map((r) => r.t));
      expect(db2.prepare('SELECT span_ms FROM reading WHERE k = ?').get(app[0]!.t * 8)).not.toEqual({ span_ms: 0 });
      const merged = [...app.map((r) => ({ t: r.t, rms: r.rms })), ...kept.map((r) => ({ t: Math.round(r.time * 1000), rms: r.rms }))];
      expectSameEnergy(dayEnergies(db2), energyPerDay(merged, TZ));
    } finally {
      db2.close();
    }
  });

  /** An hour of records, then the old clock steps back `backS` seconds and the daemon goes on for another hour. */
  function steppedBack(dir: string, backS: number): string {
    const first = [...legacyWindows(FROM_S, FROM_S + 3600, 1, 1)];
    const replay = [...legacyWindows(FROM_S + 3600 - backS + 0.5, FROM_S + 7200, 1, 2)];
    const path = join(dir, `stepped-${backS}.db`);
    writeLegacyDb(path, [...first, ...replay]);
    return path;
  }

  function expectRollupsAgreeWithRows(db: Database.Database): void {
    const c = db.prepare('SELECT sum(covered_ms) AS c, sum(n) AS n, sum(energy_mj) AS e FROM rollup_day').get() as { c: number; n: number; e: number };
    const rows = db.prepare('SELECT rms_mc, span_ms FROM reading').all() as { rms_mc: number; span_ms: number }[];
    expect(c.n).toBe(rows.length);
    // Never two readings over the same time: covered time is at most the wall time spanned.
    expect(c.c).toBeLessThanOrEqual(7200 * 1000);
    const e = rows.reduce((a, r) => a + (r.span_ms > 0 ? Math.round(storedPowerOf(r.rms_mc) * r.span_ms) : 0), 0);
    expect(c.e).toBe(e);
  }

  it('sorts records a little out of time order into place, the same whatever the batch size', async () => {
    const dir = tempDir();
    const legacy = steppedBack(dir, 120);
    const results = [];
    for (const batch of [7, 500, 20_000]) {
      const dbPath = join(dir, `b${batch}.db`);
      const s = await importInto(dbPath, legacy, configWith(36_600), batch);
      expect(s.counts).toMatchObject({ outOfOrder: 0, minuteHeld: 0, raw: s.counts.valid });
      const db = openDatabase(dbPath);
      expectRollupsAgreeWithRows(db);
      results.push({ rows: db.prepare('SELECT * FROM reading ORDER BY k').raw(true).all(), minutes: db.prepare('SELECT * FROM rollup_minute ORDER BY b').all() });
      db.close();
    }
    expect(results[1]).toEqual(results[0]);
    expect(results[2]).toEqual(results[0]);
  });

  it('holds records from a bigger clock step back until the rest is merged, then keeps the minutes already recorded', async () => {
    const dir = tempDir();
    const dbPath = join(dir, 'corcy.db');
    const s = await importInto(dbPath, steppedBack(dir, 1800), configWith(36_600), 500);
    expect(s.counts.outOfOrder).toBeGreaterThan(1000);
    expect(s.counts.minuteHeld).toBe(s.counts.outOfOrder);
    expect(s.counts.raw).toBe(s.counts.valid - s.counts.minuteHeld);
    const db = openDatabase(dbPath);
    try {
      expectRollupsAgreeWithRows(db);
    } finally {
      db.close();
    }
  });

  describe('killed and run again', () => {
    const exited = (c: ChildProcess): Promise<unknown> => new Promise((r) => c.once('exit', r));

    it('resumes where it stopped: the result equals one uninterrupted import, row for row', async () => {
      assertBuilt();
      const dir = tempDir();
      writeLegacyDb(join(dir, 'power.db'), sourceRows());
      const config = join(dir, 'config.json');
      writeFileSync(config, JSON.stringify({ storage: { retentionDays: 36_600 } }));
      const args = (db: string): string[] => [CLI, 'import', 'sqlite', join(dir, 'power.db'), '--db', db, '--config', config, '--batch', '2000'];
      const clean = spawnSync(process.execPath, args(join(dir, 'clean.db')), { encoding: 'utf8' });
      expect(clean.status, clean.stderr).toBe(0);

      const killed = join(dir, 'killed.db');
      for (let kill = 0; kill < 3; kill++) {
        const child = spawn(process.execPath, args(killed), { stdio: 'ignore' });
        const done = exited(child);
        // Wait for some progress past the previous kill, then pull the plug.
        const target = (kill + 1) * 40_000;
        for (let i = 0; i < 400 && child.exitCode === null; i++) {
          await sleep(10);
          const valid = progressOf(killed);
          if (valid !== null && valid >= target) break;
        }
        child.kill('SIGKILL');
        await done;
      }
      const resumed = spawnSync(process.execPath, args(killed), { encoding: 'utf8' });
      expect(resumed.status, resumed.stderr).toBe(0);
      expect(resumed.stdout).toContain('(resumed)');
      const a = openDatabase(join(dir, 'clean.db'));
      const b = openDatabase(killed);
      try {
        expect(b.pragma('integrity_check', { simple: true })).toBe('ok');
        const all = (db: Database.Database): unknown[] => db.prepare('SELECT * FROM reading ORDER BY k').raw(true).all();
        expect(all(b).length).toBe(all(a).length);
        expect(all(b)).toEqual(all(a));
        for (const l of ROLLUP_LEVELS) {
          expect(b.prepare(`SELECT * FROM rollup_${l} ORDER BY b`).all(), l).toEqual(a.prepare(`SELECT * FROM rollup_${l} ORDER BY b`).all());
        }
      } finally {
        a.close();
        b.close();
      }
    }, 120_000);
  });
});

/** Valid records the import has committed so far (null before its first batch). */
function progressOf(path: string): number | null {
  let db: Database.Database | null = null;
  try {
    db = openDatabase(path, { readonly: true });
    const row = db.prepare('SELECT counts FROM import_run').get() as { counts: string | null } | undefined;
    return row?.counts ? (JSON.parse(row.counts) as { valid: number }).valid : null;
  } catch {
    return null;
  } finally {
    db?.close();
  }
}
