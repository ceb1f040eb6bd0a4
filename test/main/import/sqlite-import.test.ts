import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CALIBRATION } from '../../../src/main/acquisition/calibration';
import { sqliteSource } from '../../../src/main/import/sqlite-source';
import { runImport } from '../../../src/main/import/run-import';
import { openDatabase } from '../../../src/main/storage/database';
import { ReadingStore } from '../../../src/main/storage/reading-store';
import { type LegacyRow, energyPerDay, legacyWindows, writeLegacyDb } from '../../helpers/legacy-db';
import { useTempDir } from '../../helpers/temp-dir';
import { TZ, FROM_S, TO_S, NOW, configWith, sourceRows, importInto, dayEnergies, expectSameEnergy, rollupSums } from '../../helpers/legacy-import';

const tempDir = useTempDir();

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
    const expected = energyPerDay(
      rows.map((r) => ({ t: Math.round(r.time * 1000), rms: r.rms })),
      TZ,
    );
    expect(expected.size).toBe(3);
    for (const [name, retention] of [
      ['raw', 36_600],
      ['rollups only', 3],
    ] as const) {
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
});
