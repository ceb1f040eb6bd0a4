import type Database from 'better-sqlite3';
import type { Calibration } from '../acquisition/calibration';
import { FloorEnergy } from '../energy/floor-energy';
import { spanBetween } from '../energy/span';
import { RMS_COLUMN, ROW_WIDTH as WIDTH, encodeInto, keyTime, storedPower } from './reading-codec';
import { ReadingColumns } from './reading-columns';
import type { StoredReading } from './reading-store';
import { RewindGuard } from './rewind-guard';
import { RollupBatch } from './rollup-batch';
import { type Bucketing, rollupBucketings } from './rollup-levels';
import { rawRowInserter, rollupApplier } from './rollup-sink';

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
  /** In a minute that already holds readings of another timeline, or sent twice: they would double-count it. */
  refused: number;
}

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
  private readonly applyRollups: (batch: RollupBatch) => void;
  private readonly setCursor: Database.Statement;
  private readonly commit: (raw: Float64Array, rows: number, batch: RollupBatch, lastT: number) => void;
  /** Carries a pool of near-floor windows from one batch to the next (lost on restart: a few W for a few s). */
  private readonly energy: FloorEnergy;
  private guard: RewindGuard;

  constructor(
    readonly db: Database.Database,
    private readonly o: HistoryWriterOptions,
  ) {
    this.levels = rollupBucketings(o.timeZone);
    this.energy = new FloorEnergy(o.calibration());
    const insertRows = rawRowInserter(db);
    this.applyRollups = rollupApplier(db);
    this.setCursor = db.prepare('UPDATE cursor SET last_t = ? WHERE id = 0');
    this.commit = db.transaction((raw: Float64Array, rows: number, batch: RollupBatch, lastT: number) => {
      insertRows(raw, rows);
      this.applyRollups(batch);
      this.setCursor.run(lastT);
    });
    const cursor = db.prepare('SELECT last_t, rollups_from FROM cursor WHERE id = 0').get() as
      | { last_t: number | null; rollups_from: number | null }
      | undefined;
    this.prevT = cursor?.last_t ?? NaN;
    this.guard = new RewindGuard(db, this.prevT);
    if (cursor?.rollups_from != null) this.replayRollups(cursor.rollups_from);
  }

  /** The last reading written, on this process's timeline. */
  get lastT(): number | null {
    return Number.isNaN(this.prevT) ? null : this.prevT;
  }

  write(rows: readonly TimedReading[]): WriteResult {
    return this.writeColumns(ReadingColumns.of(rows));
  }

  writeColumns(c: ReadingColumns): WriteResult {
    const cal = this.o.calibration();
    this.energy.use(cal);
    const rawFrom = this.o.rawFrom();
    const batch = new RollupBatch(this.levels, rawFrom);
    const raw = new Float64Array(c.length * WIDTH);
    let rows = 0;
    const maxGap = this.o.maxGapMs();
    let lastT = this.prevT;
    let lastMono = this.prevMono;
    let refused = 0;
    const guard = this.guard.fork();
    for (let i = 0; i < c.length; i++) {
      const t = c.t[i]!;
      if (!guard.admit(t)) {
        refused++;
        continue;
      }
      const mono = c.mono[i]!;
      const span = spanBetween(lastT, lastMono, t, mono, maxGap);
      const at = rows * WIDTH;
      encodeInto(raw, at, t, c.channel[i]!, c.mean[i]!, c.min[i]!, c.max[i]!, c.rms[i]!, span, c.flags[i]!);
      const rmsMc = raw[at + RMS_COLUMN]!;
      batch.add(t, Math.round(storedPower(rmsMc, cal)), this.energy.add(rmsMc / 1000, span), span);
      // Past retention: rollups only (the row just encoded is overwritten by the next).
      if (t >= rawFrom) rows++;
      lastT = t;
      lastMono = mono;
    }
    if (refused > 0) this.o.log?.(`storage: ${refused} readings skipped: their minutes already hold readings (sent twice, or stamped before the clock went back)`);
    if (refused === c.length) {
      this.guard = guard;
      return { written: 0, refused };
    }
    this.commit(raw, rows, batch, lastT);
    // Only after the commit: a failed write leaves the timeline where the disk is.
    this.guard = guard;
    this.prevT = lastT;
    this.prevMono = lastMono;
    return { written: c.length - refused, refused };
  }

  /** Rows migrated from schema v1 have no rollups yet: build them once, from their stored spans. */
  private replayRollups(fromT: number): void {
    const cal = this.o.calibration();
    const energy = new FloorEnergy(cal);
    this.db.transaction(() => {
      const batch = new RollupBatch(this.levels);
      const rows = this.db.prepare('SELECT k, rms_mc, span_ms FROM reading WHERE k >= ? ORDER BY k').iterate(fromT * 8) as IterableIterator<{
        k: number;
        rms_mc: number;
        span_ms: number;
      }>;
      for (const r of rows) {
        batch.add(keyTime(r.k), Math.round(storedPower(r.rms_mc, cal)), energy.add(r.rms_mc / 1000, r.span_ms), r.span_ms);
      }
      this.applyRollups(batch);
      this.db.prepare('UPDATE cursor SET rollups_from = NULL WHERE id = 0').run();
    })();
  }
}
