import type Database from 'better-sqlite3';
import type { SkipReason } from './legacy-record';
import { STAGED_WIDTH } from '../storage/reading-codec';

/** Everything an import counts, saved with each batch so a resumed run continues the sums. */
export interface ImportCounts {
  records: number;
  /** Valid records (times in epoch ms of the first and last; null before any). */
  valid: number;
  firstT: number | null;
  lastT: number | null;
  skipped: Partial<Record<SkipReason, number>>;
  /** Valid records that repeat a time and channel already read: kept once. */
  duplicates: number;
  /** Valid records older than what was already merged (the old clock stepped back): merged after the rest where their minute is free. */
  outOfOrder: number;
  /** Imported readings kept raw, and past retention (kept as rollups only). */
  raw: number;
  rollupOnly: number;
  /** Records in a minute the database already held: recorded by the app, by an earlier import, or earlier in this source (a clock step back). */
  minuteHeld: number;
  /** Records newer than the app's last reading while it is recording. */
  whileRecording: number;
  /** Stored readings whose span changed because imported ones now precede them. */
  respanned: number;
}

export const emptyCounts = (): ImportCounts => ({
  records: 0,
  valid: 0,
  firstT: null,
  lastT: null,
  skipped: {},
  duplicates: 0,
  outOfOrder: 0,
  raw: 0,
  rollupOnly: 0,
  minuteHeld: 0,
  whileRecording: 0,
  respanned: 0,
});

export interface SkippedRecord {
  position: string;
  reason: SkipReason;
  detail: string;
}

/** Where an import stands, as committed with its last batch. */
export interface ImportState {
  /** The source's resume point (null: from the start). */
  position: string | null;
  readDone: boolean;
  /** The newest key merged from the source stream: anything at or before it arrived out of order. */
  mergedTo: number | null;
  /** The last imported reading of an unfinished run, if the import stopped inside one. */
  prevT: number | null;
  counts: ImportCounts;
  resumed: boolean;
}

/**
 * The import's own tables (see migration v3): its progress, the records waiting
 * because they came out of time order, and the skipped records until the report
 * is written. Every write here belongs in the caller's batch transaction.
 */
export class ImportJournal {
  private readonly saveStmt: Database.Statement;
  private readonly holdStmt: Database.Statement;
  private readonly skipStmt: Database.Statement;
  private readonly heldStmt: Database.Statement;
  private readonly releaseStmt: Database.Statement;

  constructor(
    private readonly db: Database.Database,
    readonly identity: string,
  ) {
    this.saveStmt = db.prepare('UPDATE import_run SET position = ?, read_done = ?, merged_to = ?, prev_t = ?, counts = ? WHERE identity = ?');
    this.holdStmt = db.prepare('INSERT OR IGNORE INTO import_pending (identity, k, mean_d, min_o, max_o, rms_mc, flags) VALUES (?, ?, ?, ?, ?, ?, ?)');
    this.heldStmt = db.prepare('SELECT k, mean_d, min_o, max_o, rms_mc, flags FROM import_pending WHERE identity = ? AND k > ? ORDER BY k LIMIT ?').raw(true);
    this.releaseStmt = db.prepare('DELETE FROM import_pending WHERE identity = ? AND k > ? AND k <= ?');
    this.skipStmt = db.prepare('INSERT INTO import_skipped (identity, position, reason, detail) VALUES (?, ?, ?, ?)');
  }

  /** Resumes an unfinished import of this source, or starts one (a finished one is started again: it will add nothing). */
  begin(now: number): ImportState {
    const row = this.db.prepare('SELECT position, read_done, merged_to, prev_t, counts, finished_at FROM import_run WHERE identity = ?').get(this.identity) as
      { position: string | null; read_done: number; merged_to: number | null; prev_t: number | null; counts: string | null; finished_at: number | null } | undefined;
    if (row && row.finished_at === null) {
      return {
        position: row.position,
        readDone: row.read_done === 1,
        mergedTo: row.merged_to,
        prevT: row.prev_t,
        counts: row.counts ? (JSON.parse(row.counts) as ImportCounts) : emptyCounts(),
        resumed: true,
      };
    }
    this.db.transaction(() => {
      this.db.prepare('INSERT OR REPLACE INTO import_run (identity, started_at) VALUES (?, ?)').run(this.identity, now);
      this.db.prepare('DELETE FROM import_pending WHERE identity = ?').run(this.identity);
      this.db.prepare('DELETE FROM import_skipped WHERE identity = ?').run(this.identity);
    })();
    return { position: null, readDone: false, mergedTo: null, prevT: null, counts: emptyCounts(), resumed: false };
  }

  save(s: Omit<ImportState, 'resumed'>): void {
    this.saveStmt.run(s.position, s.readDone ? 1 : 0, s.mergedTo, s.prevT, JSON.stringify(s.counts), this.identity);
  }

  hold(rows: Float64Array, from: number, to: number): void {
    for (let i = from; i < to; i++) {
      const at = i * STAGED_WIDTH;
      this.holdStmt.run(this.identity, ...rows.subarray(at, at + STAGED_WIDTH));
    }
  }

  skip(records: readonly SkippedRecord[]): void {
    for (const r of records) this.skipStmt.run(this.identity, r.position, r.reason, r.detail);
  }

  /** Up to `limit` held rows in time order, as a flat buffer: the late ones, once the rest is merged. */
  pending(limit: number): { rows: Float64Array; count: number } {
    return this.flat(this.heldStmt.all(this.identity, -Infinity, limit) as number[][]);
  }

  /** Held rows newer than key `k`: the tail of the last batch, waiting for records a little out of order. */
  pendingAfter(k: number): { rows: Float64Array; count: number } {
    return this.flat(this.heldStmt.all(this.identity, k, -1) as number[][]);
  }

  private flat(got: number[][]): { rows: Float64Array; count: number } {
    const rows = new Float64Array(got.length * STAGED_WIDTH);
    got.forEach((r, i) => rows.set(r, i * STAGED_WIDTH));
    return { rows, count: got.length };
  }

  /** Drops held rows from key `after` (excluded) up to `k` once merged, in the same transaction. */
  release(k: number, after = -Infinity): void {
    this.releaseStmt.run(this.identity, after, k);
  }

  skippedRecords(): IterableIterator<SkippedRecord> {
    return this.db.prepare('SELECT position, reason, detail FROM import_skipped WHERE identity = ? ORDER BY id').iterate(this.identity) as IterableIterator<SkippedRecord>;
  }

  /** The report is written: the skipped rows go, and the run is marked finished with its counts. */
  finish(counts: ImportCounts, now: number): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM import_skipped WHERE identity = ?').run(this.identity);
      this.db.prepare('UPDATE import_run SET finished_at = ?, counts = ? WHERE identity = ?').run(now, JSON.stringify(counts), this.identity);
    })();
  }
}
