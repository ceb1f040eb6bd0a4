import type Database from 'better-sqlite3';
import { STAGED_WIDTH } from '../storage/reading-codec';
import { type CheckedBatch, sortedUnique } from './checked-batch';
import type { ImportCounts, ImportJournal } from './import-journal';
import type { ImportMerge } from './import-merge';

/**
 * Records out of time order by up to this much (the old clock stepped back a
 * little, or a store returned neighbours swapped) are sorted into place whatever
 * the batch boundaries: the newest this much of each batch waits for the next.
 */
const REORDER_MS = 10 * 60_000;

/**
 * Checked batches into the database in time order, each in one transaction
 * with its skipped records and the source's resume point. The frontier is the
 * last key merged: rows at or before it are late (a bigger clock step back) and
 * held until the rest is in.
 */
export class BatchMerger {
  private frontier: number;
  readonly commit: (batch: CheckedBatch, position: string) => void;
  readonly flushTail: () => void;
  private readonly lateBatch: (limit: number) => boolean;

  constructor(
    db: Database.Database,
    private readonly journal: ImportJournal,
    private readonly merge: ImportMerge,
    private readonly counts: ImportCounts,
    mergedTo: number | null,
  ) {
    this.frontier = mergedTo ?? -Infinity;
    // IMMEDIATE: the write lock first, so a running kiosk cannot commit between what a batch reads and writes.
    const inBatch = <A extends unknown[], R>(work: (...args: A) => R) => {
      const tx = db.transaction(work);
      return (...args: A): R => tx.immediate(...args);
    };
    this.commit = inBatch((batch: CheckedBatch, position: string) => this.commitBatch(batch, position));
    this.flushTail = inBatch(() => this.mergeTail());
    this.lateBatch = inBatch((limit: number) => this.mergeLateBatch(limit));
  }

  /** Merges the next batch of late records; false once none are left. */
  mergeLate(limit: number): boolean {
    return this.lateBatch(limit);
  }

  private save(position: string | null, readDone: boolean): void {
    const mergedTo = Number.isFinite(this.frontier) ? this.frontier : null;
    this.journal.save({ position, readDone, mergedTo, prevT: this.merge.runPrevT, counts: this.counts });
  }

  /** Merges up to `upTo` rows of a sorted buffer and moves the frontier past them. */
  private mergeUpTo(rows: Float64Array, upTo: number): void {
    this.merge.merge(rows, 0, upTo);
    if (upTo === 0) return;
    const before = this.frontier;
    this.frontier = rows[(upTo - 1) * STAGED_WIDTH]!;
    this.journal.release(this.frontier, before);
  }

  /**
   * Rows at or before the frontier are held for after the rest. The others join
   * the tail kept from the last batch, are sorted, and merged up to REORDER_MS
   * before the newest; the rest is the new tail.
   */
  private commitBatch(batch: CheckedBatch, position: string): void {
    this.journal.skip(batch.skipped);
    const tail = this.journal.pendingAfter(this.frontier);
    const fresh = new Float64Array((batch.count + tail.count) * STAGED_WIDTH);
    fresh.set(tail.rows);
    let freshRows = tail.count;
    for (let i = 0; i < batch.count; i++) {
      const at = i * STAGED_WIDTH;
      if (batch.rows[at]! <= this.frontier) {
        this.journal.hold(batch.rows, i, i + 1);
        this.counts.outOfOrder++;
        continue;
      }
      fresh.set(batch.rows.subarray(at, at + STAGED_WIDTH), freshRows++ * STAGED_WIDTH);
    }
    const sorted = sortedUnique(fresh, freshRows, this.counts);
    if (sorted.count === 0) return this.save(position, false);
    const cut = sorted.rows[(sorted.count - 1) * STAGED_WIDTH]! - REORDER_MS * 8;
    let upTo = 0;
    while (upTo < sorted.count && sorted.rows[upTo * STAGED_WIDTH]! <= cut) upTo++;
    this.mergeUpTo(sorted.rows, upTo);
    // The new tail: what is not merged yet (rows already held from the last batch are ignored).
    this.journal.hold(sorted.rows, upTo, sorted.count);
    this.save(position, false);
  }

  /** The source is read: the tail goes in, and the run ends. */
  private mergeTail(): void {
    const tail = this.journal.pendingAfter(this.frontier);
    this.mergeUpTo(tail.rows, tail.count);
    this.merge.endRun();
    this.save(null, true);
  }

  private mergeLateBatch(limit: number): boolean {
    const { rows, count } = this.journal.pending(limit);
    if (count > 0) {
      this.merge.merge(rows, 0, count);
      this.journal.release(rows[(count - 1) * STAGED_WIDTH]!);
    } else this.merge.endRun();
    this.save(null, true);
    return count > 0;
  }
}
