import type Database from 'better-sqlite3';
import { ROW_WIDTH } from './reading-codec';
import type { RollupBatch } from './rollup-batch';
import { ROLLUP_LEVELS } from './rollup-levels';

// The statements that put encoded rows and rollup deltas on disk, shared by the
// live HistoryWriter and the import merge: one SQL for both, so their rows and
// rollups cannot drift apart. Call them inside the caller's transaction.

const CHUNK = 128;
const COLS = '(k, mean_d, min_o, max_o, rms_mc, span_ms, flags)';
const insertSql = (n: number): string => `INSERT INTO reading ${COLS} VALUES ${Array(n).fill('(?,?,?,?,?,?,?)').join(',')}`;

const upsertSql = (level: string): string => `
  INSERT INTO rollup_${level} (b, n, energy_mj, covered_ms, missing_ms, min_w, max_w) VALUES (?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (b) DO UPDATE SET
    n = n + excluded.n,
    energy_mj = energy_mj + excluded.energy_mj,
    covered_ms = covered_ms + excluded.covered_ms,
    missing_ms = missing_ms + excluded.missing_ms,
    min_w = CASE WHEN min_w IS NULL THEN excluded.min_w WHEN excluded.min_w IS NULL THEN min_w ELSE min(min_w, excluded.min_w) END,
    max_w = CASE WHEN max_w IS NULL THEN excluded.max_w WHEN excluded.max_w IS NULL THEN max_w ELSE max(max_w, excluded.max_w) END`;

/** Inserts `rows` encoded rows of a flat buffer (see reading-codec), 128 to a statement. */
export function rawRowInserter(db: Database.Database): (raw: Float64Array, rows: number) => void {
  const insertChunk = db.prepare(insertSql(CHUNK));
  const insertOne = db.prepare(insertSql(1));
  const chunk = new Array<number>(CHUNK * ROW_WIDTH);
  return (raw, rows) => {
    let i = 0;
    for (; i + CHUNK <= rows; i += CHUNK) {
      for (let j = 0; j < CHUNK * ROW_WIDTH; j++) chunk[j] = raw[i * ROW_WIDTH + j]!;
      insertChunk.run(chunk);
    }
    for (; i < rows; i++) insertOne.run(Array.from(raw.subarray(i * ROW_WIDTH, (i + 1) * ROW_WIDTH)));
  };
}

/** Adds a batch's deltas to the rollup rows of every level. */
export function rollupApplier(db: Database.Database): (batch: RollupBatch) => void {
  const upserts = new Map(ROLLUP_LEVELS.map((l) => [l, db.prepare(upsertSql(l))]));
  return (batch) => {
    for (const [level, deltas] of batch.deltas) {
      const stmt = upserts.get(level)!;
      for (const [key, d] of deltas) stmt.run(key, d.n, d.energyMj, d.coveredMs, d.missingMs, d.minW, d.maxW);
    }
  };
}
