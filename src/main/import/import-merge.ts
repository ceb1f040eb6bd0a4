import type Database from 'better-sqlite3';
import type { Calibration } from '../acquisition/calibration';
import { FloorEnergy } from '../energy/floor-energy';
import { spanBetween } from '../energy/span';
import { STAGED, STAGED_WIDTH, keyTime, rowKey } from '../storage/reading-codec';
import { MINUTE_MS, rollupBucketings } from '../storage/rollup-levels';
import { RowBatch, rowBatchWriter } from '../storage/row-sink';
import type { ImportCounts } from './import-journal';

export interface MergeOptions {
  calibration: Calibration;
  maxGapMs: number;
  /** Readings before this (a minute boundary) go to the rollups only, as live ones past retention do. */
  rawFrom: number;
  /** Readings after this belong to the app recording right now: never imported. */
  liveAfter: number;
  timeZone: string;
}

/**
 * Merges imported records, in time order, into the readings and their rollups.
 *
 * The rule for overlap is per minute: a minute that already holds readings
 * (rollup_minute.n > 0: recorded by the app, or by an earlier run of this or
 * another import, raw or already pruned to rollups) keeps them, and imported
 * records in it are skipped. So a re-run adds nothing, and a killed run resumes
 * from the key and run state committed with its last batch.
 *
 * Spans follow the same rule as live readings: the time since the previous
 * reading of the merged timeline, missing beyond the gap limit. A stored reading
 * that had missing time (or nothing) before it and now follows imported ones
 * gets its span, and its rollups, corrected in the same transaction.
 */
export class ImportMerge {
  private readonly presentN: Database.Statement<[number], { n: number }>;
  private readonly presentBetween: Database.Statement<[number, number], { b: number }>;
  private readonly lastPresentBefore: Database.Statement<[number], { b: number | null }>;
  private readonly rawBefore: Database.Statement<[number], { k: number }>;
  private readonly rawAfter: Database.Statement<[number], { k: number; rms_mc: number; span_ms: number }>;
  private readonly setSpan: Database.Statement<[number, number]>;
  private readonly advanceCursor: Database.Statement<[number, number]>;
  private readonly writeBatch: (batch: RowBatch) => void;
  private readonly levels;

  /** The last imported reading of the current run (NaN: no run, the predecessor must be looked up). */
  private prevT = NaN;
  private minute = NaN;
  private minutePresent = false;

  constructor(
    db: Database.Database,
    private readonly options: MergeOptions,
    /** Where a killed import stopped inside a run (null: not inside one). */
    resumePrevT: number | null,
    private readonly counts: ImportCounts,
  ) {
    this.presentN = db.prepare('SELECT n FROM rollup_minute WHERE b = ?');
    this.presentBetween = db.prepare('SELECT b FROM rollup_minute WHERE b > ? AND b < ? AND n > 0 LIMIT 1');
    this.lastPresentBefore = db.prepare('SELECT max(b) AS b FROM rollup_minute WHERE b < ? AND n > 0');
    this.rawBefore = db.prepare('SELECT k FROM reading WHERE k < ? ORDER BY k DESC LIMIT 1');
    this.rawAfter = db.prepare('SELECT k, rms_mc, span_ms FROM reading WHERE k > ? ORDER BY k LIMIT 1');
    this.setSpan = db.prepare('UPDATE reading SET span_ms = ? WHERE k = ?');
    this.advanceCursor = db.prepare('UPDATE cursor SET last_t = ? WHERE id = 0 AND (last_t IS NULL OR last_t < ?)');
    this.writeBatch = rowBatchWriter(db);
    this.levels = rollupBucketings(() => options.timeZone);
    if (resumePrevT !== null) {
      // Stopped inside a run: its minute is ours, even though its rollup now says "held".
      this.prevT = resumePrevT;
      this.minute = Math.floor(resumePrevT / MINUTE_MS);
    }
  }

  /** The last imported reading of the run in progress, null between runs: saved with each batch. */
  get runPrevT(): number | null {
    return Number.isNaN(this.prevT) ? null : this.prevT;
  }

  /**
   * Merges rows [from, to) of a flat buffer (k, mean_d, min_o, max_o, rms_mc,
   * flags; see ImportJournal), in key order. Call inside the batch's transaction,
   * an IMMEDIATE one, so that a running kiosk's writer cannot commit between what
   * this reads and what it writes.
   */
  merge(rows: Float64Array, from: number, to: number): void {
    const batch = this.newBatch(to - from);
    let last = NaN;
    for (let i = from; i < to; i++) {
      const at = i * STAGED_WIDTH;
      const k = rows[at + STAGED.key]!;
      const t = keyTime(k);
      if (t > this.options.liveAfter) {
        this.counts.whileRecording++;
        this.closeRun(batch);
        continue;
      }
      const m = Math.floor(t / MINUTE_MS);
      if (m !== this.minute) {
        // A minute the database holds between the last imported reading and this one ends the run.
        if (!Number.isNaN(this.prevT) && this.presentBetween.get(Math.floor(this.prevT / MINUTE_MS), m)) this.closeRun(batch);
        this.minute = m;
        this.minutePresent = (this.presentN.get(m)?.n ?? 0) > 0;
      }
      if (this.minutePresent) {
        this.counts.minuteHeld++;
        this.closeRun(batch);
        continue;
      }
      if (Number.isNaN(this.prevT)) this.prevT = this.predecessor(k, m);
      const row = {
        key: k,
        meanD: rows[at + STAGED.meanD]!,
        minO: rows[at + STAGED.minO]!,
        maxO: rows[at + STAGED.maxO]!,
        rmsMc: rows[at + STAGED.rmsMc]!,
        flags: rows[at + STAGED.flags]!,
      };
      batch.addEncoded(row, spanBetween(this.prevT, NaN, t, NaN, this.options.maxGapMs));
      if (t >= this.options.rawFrom) this.counts.raw++;
      else this.counts.rollupOnly++;
      this.prevT = t;
      last = t;
    }
    this.writeBatch(batch);
    // A restarted kiosk continues its timeline after imported readings newer than its own.
    if (!Number.isNaN(last)) this.advanceCursor.run(last, last);
  }

  /** Ends the run in progress (the source is done, or what follows is held back): in the caller's transaction. */
  endRun(): void {
    const batch = this.newBatch(0);
    this.closeRun(batch);
    this.writeBatch(batch);
    // The next row asks again whether its minute is held: this run may have filled it.
    this.minute = NaN;
  }

  /**
   * Where the timeline stood before the first reading of a run: the last stored
   * reading, or the end of the last minute that holds readings if it is later
   * (its raw rows pruned past retention, so only the rollup remains).
   */
  private predecessor(k: number, m: number): number {
    const before = this.rawBefore.get(k);
    const rawT = before ? keyTime(before.k) : NaN;
    const b = this.lastPresentBefore.get(m)?.b ?? null;
    if (b === null) return rawT;
    if (!Number.isNaN(rawT) && Math.floor(rawT / MINUTE_MS) === b) return rawT;
    return Math.max(Number.isNaN(rawT) ? -Infinity : rawT, (b + 1) * MINUTE_MS);
  }

  /** The stored reading right after a run had missing time (or nothing) before it: give it its real span. */
  private newBatch(capacity: number): RowBatch {
    const calibration = this.options.calibration;
    // A pool of near-floor windows lives for one merge call, as the merge's transaction does.
    return new RowBatch({ calibration, energy: new FloorEnergy(calibration), rawFrom: this.options.rawFrom, levels: this.levels }, capacity);
  }

  private closeRun(batch: RowBatch): void {
    if (Number.isNaN(this.prevT)) return;
    const end = this.prevT;
    this.prevT = NaN;
    const next = this.rawAfter.get(rowKey(end, 7));
    // A positive span already reaches a stored reading within the gap limit: the
    // run cannot lie inside it (its minutes would be present), so only <= 0 spans move.
    if (!next || next.span_ms > 0) return;
    const t = keyTime(next.k);
    if (next.span_ms < 0 && t + next.span_ms > end) return;
    const span = spanBetween(end, NaN, t, NaN, this.options.maxGapMs);
    if (span === next.span_ms) return;
    batch.respan(t, next.rms_mc, next.span_ms, span);
    this.setSpan.run(span, next.k);
    this.counts.respanned++;
  }
}
