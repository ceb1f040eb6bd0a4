import type Database from 'better-sqlite3';
import { type Calibration, DEFAULT_CALIBRATION } from '../acquisition/calibration';
import { FloorEnergy } from '../energy/floor-energy';
import { spanBetween } from '../energy/span';
import { keyTime } from './reading-codec';
import { ReadingColumns } from './reading-columns';
import type { StoredReading } from './reading-store';
import { RewindGuard } from './rewind-guard';
import { type Bucketing, rollupBucketings } from './rollup-levels';
import { RowBatch, rowBatchWriter } from './row-sink';

/** For tests and benches: the default calibration and gap, Paris days, every row kept raw. */
export const DEFAULT_WRITER: HistoryWriterOptions = {
  calibration: () => DEFAULT_CALIBRATION,
  maxGapMs: () => 10_000,
  rawFrom: () => -Infinity,
  timeZone: () => 'Europe/Paris',
};

/** A reading on its way to disk, with the monotonic time this process took it at (none for backfills of old data). */
export type TimedReading = StoredReading & { mono?: number | null };

export interface HistoryWriterOptions {
  calibration: () => Calibration;
  maxGapMs: () => number;
  /** Readings older than this go to the rollups only: raw rows past retention are not kept. */
  rawFrom: () => number;
  timeZone: () => string;
  log?: (line: string) => void;
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
  private readonly writeBatch: (batch: RowBatch) => void;
  private readonly setCursor: Database.Statement;
  private readonly commit: (batch: RowBatch, lastT: number) => void;
  /** Carries a pool of near-floor windows from one batch to the next (lost on restart: a few W for a few s). */
  private readonly energy: FloorEnergy;
  private guard: RewindGuard;

  constructor(
    readonly db: Database.Database,
    private readonly options: HistoryWriterOptions,
  ) {
    this.levels = rollupBucketings(options.timeZone);
    this.energy = new FloorEnergy(options.calibration());
    this.writeBatch = rowBatchWriter(db);
    this.setCursor = db.prepare('UPDATE cursor SET last_t = ? WHERE id = 0');
    this.commit = db.transaction((batch: RowBatch, lastT: number) => {
      this.writeBatch(batch);
      this.setCursor.run(lastT);
    });
    const cursor = db.prepare('SELECT last_t, rollups_from FROM cursor WHERE id = 0').get() as { last_t: number | null; rollups_from: number | null } | undefined;
    this.prevT = cursor?.last_t ?? NaN;
    this.guard = new RewindGuard(db, this.prevT);
    if (cursor?.rollups_from != null) this.replayRollups(cursor.rollups_from);
  }

  /** The last reading written, on this process's timeline. */
  get lastT(): number | null {
    return Number.isNaN(this.prevT) ? null : this.prevT;
  }

  /** One transaction for the whole batch; returns how many rows were new. */
  insert(rows: readonly TimedReading[]): number {
    return rows.length === 0 ? 0 : this.write(rows).written;
  }

  write(rows: readonly TimedReading[]): WriteResult {
    return this.writeColumns(ReadingColumns.of(rows));
  }

  writeColumns(c: ReadingColumns): WriteResult {
    const calibration = this.options.calibration();
    this.energy.use(calibration);
    const batch = new RowBatch({ calibration, energy: this.energy, rawFrom: this.options.rawFrom(), levels: this.levels }, c.length);
    const maxGap = this.options.maxGapMs();
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
      batch.addReading(t, c.channel[i]!, c.mean[i]!, c.min[i]!, c.max[i]!, c.rms[i]!, spanBetween(lastT, lastMono, t, mono, maxGap), c.flags[i]!);
      lastT = t;
      lastMono = mono;
    }
    if (refused > 0) this.options.log?.(`storage: ${refused} readings skipped: their minutes already hold readings (sent twice, or stamped before the clock went back)`);
    if (refused === c.length) {
      this.guard = guard;
      return { written: 0, refused };
    }
    this.commit(batch, lastT);
    // Only after the commit: a failed write leaves the timeline where the disk is.
    this.guard = guard;
    this.prevT = lastT;
    this.prevMono = lastMono;
    return { written: c.length - refused, refused };
  }

  /** Rows migrated from schema v1 have no rollups yet: build them once, from their stored spans. */
  private replayRollups(fromT: number): void {
    const calibration = this.options.calibration();
    const batch = new RowBatch({ calibration, energy: new FloorEnergy(calibration), rawFrom: -Infinity, levels: this.levels }, 0);
    this.db.transaction(() => {
      const rows = this.db.prepare('SELECT k, rms_mc, span_ms FROM reading WHERE k >= ? ORDER BY k').iterate(fromT * 8) as IterableIterator<{
        k: number;
        rms_mc: number;
        span_ms: number;
      }>;
      for (const r of rows) batch.addRollupsOf(keyTime(r.k), r.rms_mc, r.span_ms);
      this.writeBatch(batch);
      this.db.prepare('UPDATE cursor SET rollups_from = NULL WHERE id = 0').run();
    })();
  }
}
