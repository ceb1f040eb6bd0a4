import type Database from 'better-sqlite3';
import type { Reading } from '../../shared/contract';
import { type Calibration, DEFAULT_CALIBRATION, currentFromRms, powerFromCurrent } from '../acquisition/calibration';
import { type ReadingRow, decodeReading, rowKey } from './reading-codec';
import { HistoryWriter, type HistoryWriterOptions, type TimedReading } from './history-writer';

/** What a row keeps: the window's statistics. Current and power follow from calibration. */
export type StoredReading = Pick<Reading, 't' | 'channel' | 'mean' | 'min' | 'max' | 'rms' | 'flags'>;

const DEFAULT_WRITER: HistoryWriterOptions = {
  calibration: () => DEFAULT_CALIBRATION,
  maxGapMs: () => 10_000,
  rawFrom: () => -Infinity,
  timeZone: () => 'Europe/Paris',
};

/** Raw readings: written through the HistoryWriter (rollups in the same transaction), read back by range. */
export class ReadingStore {
  readonly writer: HistoryWriter;
  private readonly rangeStmt: Database.Statement<[number, number], ReadingRow>;

  constructor(
    readonly db: Database.Database,
    writerOptions: HistoryWriterOptions = DEFAULT_WRITER,
  ) {
    this.writer = new HistoryWriter(db, writerOptions);
    this.rangeStmt = db.prepare('SELECT k, mean_d, min_o, max_o, rms_mc, span_ms, flags FROM reading WHERE k >= ? AND k <= ? ORDER BY k');
  }

  /** One transaction for the whole batch; returns how many rows were new. */
  insert(rows: readonly TimedReading[]): number {
    return rows.length === 0 ? 0 : this.writer.write(rows).written;
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
    return (this.db.prepare('SELECT count(*) AS n FROM reading').get() as { n: number }).n;
  }
}
