import type Database from 'better-sqlite3';
import { keyTime } from './reading-codec';
import { MINUTE_MS } from './rollup-levels';

// A Pi has no RTC. When its clock was ahead (a bad NTP answer, a saved clock from
// a wrong day) readings were stored in the "future"; once the clock is right
// again, the stamper goes back to true time (timeline-stamper.ts) and new
// readings fall before rows already stored. The rule is the import's: a minute
// that already holds readings keeps them, and new readings in it are skipped,
// so the same minute of wall time is never counted twice; free minutes take
// the new readings.

/** Decides, reading by reading in stamping order, whether a reading may be written. */
export class RewindGuard {
  /** The latest instant stored (NaN: nothing), the bound of the region a step back can collide with. */
  private top: number;
  /** While behind `top`: the first and last readings admitted on this timeline (theirs are not "others"). */
  private from = NaN;
  private ownTo = NaN;
  private readonly held: Map<number, boolean>;
  /** Minutes admitted in this batch, not on disk yet: after a step back they hold readings of the old timeline. */
  private readonly unwritten = new Set<number>();
  private readonly othersStmt: Database.Statement<[number, number, number, number]>;

  constructor(
    private readonly db: Database.Database,
    lastWritten: number,
    state?: { top: number; from: number; ownTo: number; held: Map<number, boolean> },
  ) {
    this.othersStmt = db.prepare('SELECT 1 FROM reading WHERE k >= ? AND k < ? AND (k < ? OR k > ?) LIMIT 1');
    this.held = state?.held ?? new Map<number, boolean>();
    if (state) {
      ({ top: this.top, from: this.from, ownTo: this.ownTo } = state);
      return;
    }
    const maxK = (db.prepare('SELECT max(k) AS k FROM reading').get() as { k: number | null }).k;
    const stored = maxK === null ? NaN : keyTime(maxK);
    this.top = Number.isNaN(stored) ? lastWritten : Number.isNaN(lastWritten) ? stored : Math.max(stored, lastWritten);
    if (stored > lastWritten) {
      // A restart in the middle of an overlap: rows after the last one written are the old timeline's.
      this.from = lastWritten + 1;
      this.ownTo = lastWritten;
    }
  }

  /** A copy to use for one batch, kept only if the batch commits. */
  fork(): RewindGuard {
    return new RewindGuard(this.db, NaN, { top: this.top, from: this.from, ownTo: this.ownTo, held: this.held });
  }

  admit(t: number): boolean {
    const minute = Math.floor(t / MINUTE_MS);
    if (Number.isNaN(this.top) || t > this.top) {
      this.top = t;
      this.from = this.ownTo = NaN;
      this.unwritten.add(minute);
      return true;
    }
    if (Number.isNaN(this.from) || t <= this.ownTo) {
      // A step back (or a reading sent twice): a new timeline starts, owning nothing yet.
      this.from = t;
      this.ownTo = t - 1;
      this.held.clear();
      for (const m of this.unwritten) this.held.set(m, true);
    }
    let held = this.held.get(minute);
    if (held === undefined) {
      held = this.othersStmt.get(minute * MINUTE_MS * 8, (minute + 1) * MINUTE_MS * 8, this.from * 8, this.ownTo * 8 + 7) !== undefined;
      this.held.set(minute, held);
    }
    if (held) return false;
    this.ownTo = t;
    this.unwritten.add(minute);
    return true;
  }
}
