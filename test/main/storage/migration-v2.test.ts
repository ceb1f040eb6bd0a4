import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/storage/database';
import { MIGRATIONS } from '../../../src/main/storage/migrations';
import { storeOn, storedPower, tempDb } from '../../helpers/history-db';

let t: ReturnType<typeof tempDb>;
afterEach(() => t?.close());

describe('migration to schema v2', () => {
  it('keeps v1 readings, derives their spans from wall time, and builds their rollups on first open', () => {
    t = tempDb();
    t.db.close();
    // A file made by a v1 app: only the first migration, whatever later ones add.
    const path = join(t.dir, 'v1.db');
    const v1 = new Database(path);
    MIGRATIONS[0]!(v1);
    v1.pragma('user_version = 1');
    const ins = v1.prepare('INSERT INTO reading VALUES (?, 0, ?, ?, ?, ?, 0)');
    const t0 = Date.parse('2026-05-01T10:00:00Z');
    for (const dt of [0, 500, 1000, 61_000, 61_500]) ins.run(t0 + dt, 511_437, 380, 641, 4_000);
    v1.close();

    const db = openDatabase(path);
    const rows = db
      .prepare<[], { t: number; mean_d: number; min_o: number; max_o: number; rms_mc: number; span_ms: number }>(
        'SELECT k >> 3 AS t, mean_d, min_o, max_o, rms_mc, span_ms FROM reading ORDER BY k',
      )
      .all();
    expect(rows.map((r) => r.span_ms)).toEqual([0, 500, 500, -60_000, 500]);
    expect(rows[0]).toEqual({ t: t0, mean_d: -63, min_o: -132, max_o: 129, rms_mc: 4000, span_ms: 0 });
    const store = storeOn(db);
    expect(store.lastT).toBe(t0 + 61_500);
    const energy = db.prepare('SELECT sum(energy_mj) AS e, sum(missing_ms) AS m, sum(n) AS n FROM rollup_hour').get() as { e: number; m: number; n: number };
    expect(energy).toEqual({ e: 3 * Math.round(storedPower(4000) * 500), m: 60_000, n: 5 });
    // Replayed once: a second open adds nothing.
    db.close();
    const again = openDatabase(path);
    storeOn(again);
    expect((again.prepare('SELECT sum(n) AS n FROM rollup_hour').get() as { n: number }).n).toBe(5);
    again.close();
  });
});
