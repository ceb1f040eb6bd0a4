import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CALIBRATION } from '../../../src/main/acquisition/calibration';
import { openDatabase } from '../../../src/main/storage/database';
import { ReadingStore } from '../../../src/main/storage/reading-store';
import { readingAt, storeOn, storedPower as storedPowerOf } from '../../helpers/history-db';
import { energyPerDay, legacyWindows, writeLegacyDb } from '../../helpers/legacy-db';
import { useTempDir } from '../../helpers/temp-dir';
import { TZ, FROM_S, configWith, sourceRows, importInto, dayEnergies, expectSameEnergy } from '../../helpers/legacy-import';

const tempDir = useTempDir();

describe('import sqlite: the old power.db', () => {
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
});
