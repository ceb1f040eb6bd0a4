import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/storage/database';
import { MIGRATIONS } from '../../../src/main/storage/migrations';
import { readingAt, storeOn, tempDb } from '../../helpers/history-db';

let t: ReturnType<typeof tempDb>;
afterEach(() => t?.close());

describe('migration to schema v4', () => {
  it('builds the 10 min rollups from the minutes a v3 database holds, and leaves 10 s rollups to new readings', () => {
    t = tempDb();
    t.db.close();
    // A v3 database with three hours of readings, then the v4 tables removed as a v3 app never had them.
    const path = join(t.dir, 'v3.db');
    const v3 = new Database(path);
    for (const m of MIGRATIONS.slice(0, 3)) m(v3);
    v3.pragma('user_version = 3');
    v3.close();
    const t0 = Date.parse('2026-05-01T10:00:00Z');
    const readings = Array.from({ length: 3 * 7200 }, (_, i) => readingAt(t0 + (i + 1) * 500, 200 + ((i * 13) % 900)));
    // Written through a v3-shaped file: open without migrating past v3 is not possible, so
    // write with the current writer into a copy, then keep only what v3 had.
    const full = openDatabase(join(t.dir, 'full.db'));
    storeOn(full).insert(readings);
    const minutes = full.prepare('SELECT * FROM rollup_minute ORDER BY b').all();
    const tenMin = full.prepare('SELECT * FROM rollup_10min ORDER BY b').all();
    full.close();
    const old = new Database(path);
    const ins = old.prepare('INSERT INTO rollup_minute VALUES (@b, @n, @energy_mj, @covered_ms, @missing_ms, @min_w, @max_w)');
    old.transaction(() => {
      for (const m of minutes) ins.run(m);
    })();
    old.close();

    const db = openDatabase(path);
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
      // Ten minutes are ten whole minutes: the same rows the writer keeps.
      expect(db.prepare('SELECT * FROM rollup_10min ORDER BY b').all()).toEqual(tenMin);
      expect(db.prepare('SELECT count(*) AS n FROM rollup_10s').get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  });
});
