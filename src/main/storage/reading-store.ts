import type Database from 'better-sqlite3';
import type { Reading } from '../../shared/contract';
import { type Calibration, currentFromRms, powerFromCurrent } from '../acquisition/calibration';
import { type ReadingRow, decodeReading, rowKey } from './reading-codec';

/** What a row keeps: the window's statistics. Current and power follow from calibration. */
export type StoredReading = Pick<Reading, 't' | 'channel' | 'mean' | 'min' | 'max' | 'rms' | 'flags'>;

/** Raw readings read back by range. Only the HistoryWriter (through the row sink) writes them. */
export class ReadingStore {
  private readonly rangeStmt: Database.Statement<[number, number], ReadingRow>;
  private readonly countStmt: Database.Statement<[], { count: number }>;

  constructor(readonly db: Database.Database) {
    this.rangeStmt = db.prepare('SELECT k, mean_d, min_o, max_o, rms_mc, span_ms, flags FROM reading WHERE k >= ? AND k <= ? ORDER BY k');
    this.countStmt = db.prepare('SELECT count(*) AS count FROM reading');
  }

  range(from: number, to: number, cal: Calibration): Reading[] {
    return this.rangeStmt.all(rowKey(Math.ceil(from), 0), rowKey(Math.floor(to), 7)).map((row) => {
      const r = decodeReading(row);
      const currentA = currentFromRms(r.rms, cal);
      return {
        t: r.t,
        channel: r.channel,
        mean: r.mean,
        min: r.min,
        max: r.max,
        rms: r.rms,
        currentA,
        powerW: powerFromCurrent(currentA, cal),
        flags: r.flags,
      };
    });
  }

  count(): number {
    return this.countStmt.get()!.count;
  }
}
