import type Database from 'better-sqlite3';
import type { Reading } from '../../shared/contract';
import { readingFromStats } from '../acquisition/reading';
import type { Calibration } from '../acquisition/calibration';
import type { ReadingRow } from './reading-store';


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
    'SELECT t, channel, mean_mc, min, max, rms_mc, flags FROM reading WHERE t >= ? AND t < ? ORDER BY t',
  );
  for (const row of stmt.iterate(from, to)) {
    yield readingFromStats(
      { mean: row.mean_mc / 1000, min: row.min, max: row.max, rms: row.rms_mc / 1000 },
      row.t,
      row.flags,
      { channel: row.channel, calibration: cal },
    );
  }
}

export function countReadings(db: Database.Database, from: number, to: number): number {
  return (db.prepare('SELECT count(*) AS n FROM reading WHERE t >= ? AND t < ?').get(from, to) as { n: number }).n;
}
