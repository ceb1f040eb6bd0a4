import type Database from 'better-sqlite3';
import type { Reading } from '../../shared/contract';
import { readingFromStats } from '../acquisition/reading';
import type { Calibration } from '../acquisition/calibration';
import { type ReadingRow, decodeReading, rowKey } from './reading-codec';

/** Rows read per statement: a few ms each, and no read transaction lives longer. */
const CHUNK_ROWS = 4096;

/**
 * Stored rows of [from, to), one at a time, in time order: a year of rows goes
 * through without being held in memory. Rows come a chunk at a time, each chunk
 * its own short read transaction: a consumer that waits on a slow client between
 * rows (the CSV export) never pins a snapshot, which would stop the WAL from
 * being checkpointed and let it grow for as long as the client stalls.
 */
export function* storedRows(db: Database.Database, from: number, to: number, chunkRows = CHUNK_ROWS): Generator<ReadingRow> {
  const stmt = db.prepare<[number, number, number], ReadingRow>('SELECT k, mean_d, min_o, max_o, rms_mc, span_ms, flags FROM reading WHERE k >= ? AND k < ? ORDER BY k LIMIT ?');
  const end = rowKey(to, 0);
  let next = rowKey(from, 0);
  for (;;) {
    const rows = stmt.all(next, end, chunkRows);
    yield* rows;
    if (rows.length < chunkRows) return;
    next = rows.at(-1)!.k + 1;
  }
}

/** The readings of [from, to), current and power by `cal`. */
export function* iterateReadings(db: Database.Database, from: number, to: number, cal: Calibration, chunkRows = CHUNK_ROWS): Generator<Reading> {
  for (const row of storedRows(db, from, to, chunkRows)) {
    const r = decodeReading(row);
    yield readingFromStats(r, r.t, r.flags, { channel: r.channel, calibration: cal });
  }
}

export function countReadings(db: Database.Database, from: number, to: number): number {
  return (db.prepare('SELECT count(*) AS count FROM reading WHERE k >= ? AND k < ?').get(rowKey(from, 0), rowKey(to, 0)) as { count: number }).count;
}

/** Flags of the flagged readings of [from, to), by time: health marks, for exports made from rollups. */
export function flaggedReadings(db: Database.Database, from: number, to: number): { t: number; flags: number }[] {
  return db
    .prepare<[number, number], { t: number; flags: number }>('SELECT k / 8 AS t, flags FROM reading WHERE k >= ? AND k < ? AND flags != 0 ORDER BY k')
    .all(rowKey(from, 0), rowKey(to, 0));
}
