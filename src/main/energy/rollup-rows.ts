import type Database from 'better-sqlite3';
import type { Bucketing, RollupLevel, StoredRollup } from '../storage/rollup-levels';
import { MJ_PER_WH } from './span';

/** One rollup bucket as stored: what every aggregated figure (energy per period, aggregated exports) is made of. */
export interface RollupRow {
  start: number;
  end: number;
  /** Readings whose window ended in the bucket. */
  readings: number;
  wh: number;
  coveredMs: number;
  missingMs: number;
  minW: number | null;
  maxW: number | null;
}

/** Reads the rows of one rollup level over [from, to), by bucket; `buckets` says where each bucket lies. */
export class RollupRows {
  private readonly stmt: Database.Statement<[number, number], StoredRollup>;
  private readonly countStmt: Database.Statement<[number, number], { count: number }>;

  constructor(
    db: Database.Database,
    level: RollupLevel,
    private readonly buckets: Bucketing,
  ) {
    this.stmt = db.prepare(`SELECT b, n, energy_mj, covered_ms, missing_ms, min_w, max_w FROM rollup_${level} WHERE b >= ? AND b <= ? ORDER BY b`);
    this.countStmt = db.prepare(`SELECT count(*) AS count FROM rollup_${level} WHERE b >= ? AND b <= ?`);
  }

  count(from: number, to: number): number {
    return this.countStmt.get(this.buckets.keyOf(from), this.buckets.keyOf(to - 1))?.count ?? 0;
  }

  /** Every stored bucket that overlaps [from, to), whole. */
  overlapping(from: number, to: number): RollupRow[] {
    return this.stmt.all(this.buckets.keyOf(from), this.buckets.keyOf(to - 1)).map((r) => {
      const [start, end] = this.buckets.bounds(r.b);
      return { start, end, readings: r.n, wh: r.energy_mj / MJ_PER_WH, coveredMs: r.covered_ms, missingMs: r.missing_ms, minW: r.min_w, maxW: r.max_w };
    });
  }
}
