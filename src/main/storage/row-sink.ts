import type Database from 'better-sqlite3';
import type { Calibration } from '../acquisition/calibration';
import { type FloorEnergy, windowEnergyMj } from '../energy/floor-energy';
import { COL, ROW_WIDTH, encodeInto, keyTime, storedPower } from './reading-codec';
import { RollupBatch } from './rollup-batch';
import { type Bucketing, ROLLUP_LEVELS } from './rollup-levels';

// The one way rows reach the reading and rollup tables, for the live writer, the
// simulated backfill and the import: a batch of encoded rows (raw rows kept only
// within retention) and the rollup deltas they make, by one rule for power and
// energy (floor-energy.ts), put on disk by one pair of statements in the
// caller's transaction.

export interface RowBatchOptions {
  /** The calibration in force now: rollup energy keeps it, whatever comes later. */
  calibration: Calibration;
  /** The floor rule over the stream of windows, carried from batch to batch by a writer that keeps it. */
  energy: FloorEnergy;
  /** Readings before this go to the rollups only. */
  rawFrom: number;
  levels: readonly Bucketing[];
}

/** Rows and rollup deltas of one transaction, built in memory. */
export class RowBatch {
  readonly rollups: RollupBatch;
  /** Encoded rows to insert, ROW_WIDTH numbers each (see COL). */
  readonly raw: Float64Array;
  rawRows = 0;

  constructor(
    private readonly options: RowBatchOptions,
    capacity: number,
  ) {
    this.rollups = new RollupBatch(options.levels, options.rawFrom);
    this.raw = new Float64Array(capacity * ROW_WIDTH);
  }

  /** A reading from its statistics (live readings, the simulator). */
  addReading(t: number, channel: number, mean: number, min: number, max: number, rms: number, spanMs: number, flags: number): void {
    const at = this.rawRows * ROW_WIDTH;
    encodeInto(this.raw, at, t, channel, mean, min, max, rms, spanMs, flags);
    this.accept(at);
  }

  /** A row already encoded (the import), given its span. */
  addEncoded(row: { key: number; meanD: number; minO: number; maxO: number; rmsMc: number; flags: number }, spanMs: number): void {
    const at = this.rawRows * ROW_WIDTH;
    this.raw[at + COL.key] = row.key;
    this.raw[at + COL.meanD] = row.meanD;
    this.raw[at + COL.minO] = row.minO;
    this.raw[at + COL.maxO] = row.maxO;
    this.raw[at + COL.rmsMc] = row.rmsMc;
    this.raw[at + COL.spanMs] = spanMs;
    this.raw[at + COL.flags] = row.flags;
    this.accept(at);
  }

  /** A stored reading's span corrected (an import filled the gap before it): its energy and time move. */
  respan(t: number, rmsMc: number, oldSpanMs: number, newSpanMs: number): void {
    const { calibration } = this.options;
    const rms = rmsMc / 1000;
    this.rollups.respan(t, windowEnergyMj(calibration, rms, oldSpanMs), oldSpanMs, windowEnergyMj(calibration, rms, newSpanMs), newSpanMs);
  }

  /** The rollups of a row already stored (schema v1 rows migrated without them). */
  addRollupsOf(t: number, rmsMc: number, spanMs: number): void {
    const power = storedPower(rmsMc, this.options.calibration);
    this.rollups.add(t, Math.round(power), this.options.energy.add(rmsMc / 1000, spanMs), spanMs);
  }

  /** Rollups for every row; the raw row kept only within retention (else the next row overwrites it). */
  private accept(at: number): void {
    const t = keyTime(this.raw[at + COL.key]!);
    this.addRollupsOf(t, this.raw[at + COL.rmsMc]!, this.raw[at + COL.spanMs]!);
    if (t >= this.options.rawFrom) this.rawRows++;
  }
}

const CHUNK = 128;
const COLUMNS = '(k, mean_d, min_o, max_o, rms_mc, span_ms, flags)';
const insertSql = (n: number): string => `INSERT INTO reading ${COLUMNS} VALUES ${Array(n).fill('(?,?,?,?,?,?,?)').join(',')}`;

const upsertSql = (level: string): string => `
  INSERT INTO rollup_${level} (b, n, energy_mj, covered_ms, missing_ms, min_w, max_w) VALUES (?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (b) DO UPDATE SET
    n = n + excluded.n,
    energy_mj = energy_mj + excluded.energy_mj,
    covered_ms = covered_ms + excluded.covered_ms,
    missing_ms = missing_ms + excluded.missing_ms,
    min_w = CASE WHEN min_w IS NULL THEN excluded.min_w WHEN excluded.min_w IS NULL THEN min_w ELSE min(min_w, excluded.min_w) END,
    max_w = CASE WHEN max_w IS NULL THEN excluded.max_w WHEN excluded.max_w IS NULL THEN max_w ELSE max(max_w, excluded.max_w) END`;

/** Puts batches on disk: raw rows 128 to a statement, then every level's rollup deltas. Call inside a transaction. */
export function rowBatchWriter(db: Database.Database): (batch: RowBatch) => void {
  const insertChunk = db.prepare(insertSql(CHUNK));
  const insertOne = db.prepare(insertSql(1));
  const chunk = new Array<number>(CHUNK * ROW_WIDTH);
  const upserts = new Map(ROLLUP_LEVELS.map((l) => [l, db.prepare(upsertSql(l))]));
  return ({ raw, rawRows, rollups }) => {
    let i = 0;
    for (; i + CHUNK <= rawRows; i += CHUNK) {
      for (let j = 0; j < CHUNK * ROW_WIDTH; j++) chunk[j] = raw[i * ROW_WIDTH + j]!;
      insertChunk.run(chunk);
    }
    for (; i < rawRows; i++) insertOne.run(Array.from(raw.subarray(i * ROW_WIDTH, (i + 1) * ROW_WIDTH)));
    for (const [level, deltas] of rollups.deltas) {
      const upsert = upserts.get(level)!;
      for (const [key, d] of deltas) upsert.run(key, d.readings, d.energyMj, d.coveredMs, d.missingMs, d.minW, d.maxW);
    }
  };
}
