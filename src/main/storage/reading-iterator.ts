import type Database from 'better-sqlite3';
import type { Reading } from '../../shared/contract';
import { readingFromStats } from '../acquisition/reading';
import type { Calibration } from '../acquisition/calibration';
import { type ReadingRow, decodeReading, rowKey } from './reading-codec';


/**
 * Raw readings of a range, one at a time, in time order: a year of rows goes
 * through without being held in memory. The statement keeps its connection busy
 * while iterating, so callers that await between rows (the CSV writer) use a
 * connection of their own.
 *
 * The one place that knows the raw table's columns for export and cost: when
 * the storage layout changes (issue 3), only this function changes.
 */
export function* iterateReadings(db: Database.Database, from: number, to: number, cal: Calibration): Generator<Reading> {
  const stmt = db.prepare<[number, number], ReadingRow>(
    'SELECT k, mean_d, min_o, max_o, rms_mc, span_ms, flags FROM reading WHERE k >= ? AND k < ? ORDER BY k',
  );
  for (const row of stmt.iterate(rowKey(from, 0), rowKey(to, 0))) {
    const r = decodeReading(row);
    yield readingFromStats(r, r.t, r.flags, { channel: r.channel, calibration: cal });
  }
}

export function countReadings(db: Database.Database, from: number, to: number): number {
  return (db.prepare('SELECT count(*) AS n FROM reading WHERE k >= ? AND k < ?').get(rowKey(from, 0), rowKey(to, 0)) as { n: number }).n;
}
