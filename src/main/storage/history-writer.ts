import type Database from 'better-sqlite3';
import { type Calibration, currentFromRms, powerFromCurrent } from '../acquisition/calibration';
import { energyMj, spanBetween } from '../energy/span';
import { RMS_COLUMN, ROW_WIDTH as WIDTH, encodeInto, keyTime } from './reading-codec';
import { ReadingColumns } from './reading-columns';
import type { StoredReading } from './reading-store';
import { RollupBatch } from './rollup-batch';
import { type Bucketing, ROLLUP_LEVELS, dayBuckets, hourBuckets, minuteBuckets } from './rollup-levels';

/** A reading on its way to disk, with the monotonic time this process took it at (none for backfills of old data). */
export type TimedReading = StoredReading & { mono?: number | null };

export interface HistoryWriterOptions {
  calibration(): Calibration;
  maxGapMs(): number;
  /** Readings older than this go to the rollups only: raw rows past retention are not kept. */
  rawFrom(): number;
  timeZone: string;
  log?(line: string): void;
}

export interface WriteResult {
  written: number;
  /** At or before the last reading written: they would duplicate or double-count it. */
  refused: number;
}

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

/**
 * The one way readings reach the database, for live acquisition and for the
 * simulated backfill alike. Each batch is one transaction holding its raw rows,
 * the rollups they change and the cursor: a kill at any instant leaves all three
 * agreeing. Rollup energy uses the calibration in force when the reading was
 * written; a later recalibration changes raw-derived power, not past rollups.
 */
export class HistoryWriter {
  /** The last reading written: wall time (NaN: none) and monotonic time (NaN: another process). */
  private prevT: number;
  private prevMono = NaN;
  private readonly levels: readonly Bucketing[];
  private readonly insertChunk: Database.Statement;
  private readonly insertOne: Database.Statement;
  private readonly upserts: Map<string, Database.Statement>;
  private readonly setCursor: Database.Statement;
  private readonly commit: (raw: Float64Array, rows: number, batch: RollupBatch, lastT: number) => void;

  constructor(
    readonly db: Database.Database,
    private readonly o: HistoryWriterOptions,
  ) {
    this.levels = [minuteBuckets, hourBuckets, dayBuckets(o.timeZone)];
    this.insertChunk = db.prepare(insertSql(CHUNK));
    this.insertOne = db.prepare(insertSql(1));
    this.upserts = new Map(ROLLUP_LEVELS.map((l) => [l, db.prepare(upsertSql(l))]));
    this.setCursor = db.prepare('UPDATE cursor SET last_t = ? WHERE id = 0');
    const chunk = new Array<number>(CHUNK * WIDTH);
    this.commit = db.transaction((raw: Float64Array, rows: number, batch: RollupBatch, lastT: number) => {
      let i = 0;
      for (; i + CHUNK <= rows; i += CHUNK) {
        for (let j = 0; j < CHUNK * WIDTH; j++) chunk[j] = raw[i * WIDTH + j]!;
        this.insertChunk.run(chunk);
      }
      for (; i < rows; i++) this.insertOne.run(Array.from(raw.subarray(i * WIDTH, (i + 1) * WIDTH)));
      this.applyRollups(batch);
      this.setCursor.run(lastT);
    });
    const cursor = db.prepare('SELECT last_t, rollups_from FROM cursor WHERE id = 0').get() as
      | { last_t: number | null; rollups_from: number | null }
      | undefined;
    this.prevT = cursor?.last_t ?? NaN;
    if (cursor?.rollups_from != null) this.replayRollups(cursor.rollups_from);
  }

  /** The last reading written, on this process's timeline. */
  get lastT(): number | null {
    return Number.isNaN(this.prevT) ? null : this.prevT;
  }

  private power(rmsMc: number, cal: Calibration): number {
    return powerFromCurrent(currentFromRms(rmsMc / 1000, cal), cal);
  }

  write(rows: readonly TimedReading[]): WriteResult {
    return this.writeColumns(ReadingColumns.of(rows));
  }

  writeColumns(c: ReadingColumns): WriteResult {
    const cal = this.o.calibration();
    const batch = new RollupBatch(this.levels);
    const raw = new Float64Array(c.length * WIDTH);
    let rows = 0;
    const rawFrom = this.o.rawFrom();
    const maxGap = this.o.maxGapMs();
    let lastT = this.prevT;
    let lastMono = this.prevMono;
    let refused = 0;
    for (let i = 0; i < c.length; i++) {
      const t = c.t[i]!;
      if (t <= lastT) {
        refused++;
        continue;
      }
      const mono = c.mono[i]!;
      const span = spanBetween(lastT, lastMono, t, mono, maxGap);
      const at = rows * WIDTH;
      encodeInto(raw, at, t, c.channel[i]!, c.mean[i]!, c.min[i]!, c.max[i]!, c.rms[i]!, span, c.flags[i]!);
      const p = this.power(raw[at + RMS_COLUMN]!, cal);
      batch.add(t, Math.round(p), energyMj(p, span), span);
      // Past retention: rollups only (the row just encoded is overwritten by the next).
      if (t >= rawFrom) rows++;
      lastT = t;
      lastMono = mono;
    }
    if (refused > 0) this.o.log?.(`storage: ${refused} readings at or before ${new Date(this.prevT).toISOString()} refused (clock went back?)`);
    if (refused === c.length) return { written: 0, refused };
    this.commit(raw, rows, batch, lastT);
    // Only after the commit: a failed write leaves the timeline where the disk is.
    this.prevT = lastT;
    this.prevMono = lastMono;
    return { written: c.length - refused, refused };
  }

  private applyRollups(batch: RollupBatch): void {
    for (const [level, deltas] of batch.deltas) {
      const stmt = this.upserts.get(level)!;
      for (const [key, d] of deltas) stmt.run(key, d.n, d.energyMj, d.coveredMs, d.missingMs, d.minW, d.maxW);
    }
  }

  /** Rows migrated from schema v1 have no rollups yet: build them once, from their stored spans. */
  private replayRollups(fromT: number): void {
    const cal = this.o.calibration();
    this.db.transaction(() => {
      const batch = new RollupBatch(this.levels);
      const rows = this.db.prepare('SELECT k, rms_mc, span_ms FROM reading WHERE k >= ? ORDER BY k').iterate(fromT * 8) as IterableIterator<{
        k: number;
        rms_mc: number;
        span_ms: number;
      }>;
      for (const r of rows) {
        const p = this.power(r.rms_mc, cal);
        batch.add(keyTime(r.k), Math.round(p), energyMj(p, r.span_ms), r.span_ms);
      }
      this.applyRollups(batch);
      this.db.prepare('UPDATE cursor SET rollups_from = NULL WHERE id = 0').run();
    })();
  }
}
