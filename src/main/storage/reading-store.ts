import type Database from 'better-sqlite3';
import type { Reading } from '../../shared/contract';
import { type Calibration, currentFromRms, powerFromCurrent } from '../acquisition/calibration';

/** What a row keeps: the window's statistics. Current and power follow from calibration. */
export type StoredReading = Pick<Reading, 't' | 'channel' | 'mean' | 'min' | 'max' | 'rms' | 'flags'>;

/** A raw row as stored (mean and rms in thousandths of a count). */
export interface ReadingRow {
  t: number;
  channel: number;
  mean_mc: number;
  min: number;
  max: number;
  rms_mc: number;
  flags: number;
}

const milli = (x: number): number => Math.round(x * 1000);

export class ReadingStore {
  private readonly insertStmt: Database.Statement;
  private readonly sinceStmt: Database.Statement<[number, number], ReadingRow>;
  private readonly insertMany: (rows: readonly StoredReading[]) => number;

  constructor(readonly db: Database.Database) {
    // A duplicate (t, channel) can only come from a wall clock that went back:
    // the first reading stamped with that instant is kept.
    this.insertStmt = db.prepare(
      'INSERT OR IGNORE INTO reading (t, channel, mean_mc, min, max, rms_mc, flags) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.sinceStmt = db.prepare(
      'SELECT t, channel, mean_mc, min, max, rms_mc, flags FROM reading WHERE t >= ? AND t <= ? ORDER BY t',
    );
    this.insertMany = db.transaction((rows: readonly StoredReading[]) => {
      let added = 0;
      for (const r of rows) {
        added += this.insertStmt.run(r.t, r.channel, milli(r.mean), Math.round(r.min), Math.round(r.max), milli(r.rms), r.flags).changes;
      }
      return added;
    });
  }

  /** One transaction for the whole batch; returns how many rows were new. */
  insert(rows: readonly StoredReading[]): number {
    return rows.length === 0 ? 0 : this.insertMany(rows);
  }

  range(from: number, to: number, cal: Calibration): Reading[] {
    return this.sinceStmt.all(from, to).map((row) => {
      const rms = row.rms_mc / 1000;
      const currentA = currentFromRms(rms, cal);
      return {
        t: row.t,
        channel: row.channel,
        mean: row.mean_mc / 1000,
        min: row.min,
        max: row.max,
        rms,
        currentA,
        powerW: powerFromCurrent(currentA, cal),
        flags: row.flags,
      };
    });
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM reading').get() as { n: number }).n;
  }
}
