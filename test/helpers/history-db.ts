import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { DEFAULT_CALIBRATION, currentFromRms, powerFromCurrent } from '../../src/main/acquisition/calibration';
import { readingFromStats } from '../../src/main/acquisition/reading';
import { openDatabase } from '../../src/main/storage/database';
import { DEFAULT_WRITER, HistoryWriter, type HistoryWriterOptions, type TimedReading } from '../../src/main/storage/history-writer';

/** A real SQLite file in a fresh temp folder; `close()` removes it. */
export function tempDb(): { path: string; dir: string; db: Database.Database; close: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'corcy-history-'));
  const path = join(dir, 'power.db');
  const db = openDatabase(path);
  return {
    path,
    dir,
    db,
    close() {
      if (db.open) db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The writer of a test database: the default options with some replaced. */
export const storeOn = (db: Database.Database, o: Partial<HistoryWriterOptions> = {}): HistoryWriter => new HistoryWriter(db, { ...DEFAULT_WRITER, ...o });

const WATTS_PER_COUNT = DEFAULT_CALIBRATION.ampsPerCount * DEFAULT_CALIBRATION.volts;

/** A reading drawing about `watts`, ending at `t`, taken at monotonic `mono` (default: t). */
export function readingAt(t: number, watts: number, mono: number | null = t): TimedReading {
  const r = readingFromStats({ mean: 511.5, min: 500, max: 523, rms: watts / WATTS_PER_COUNT }, t, 0, { channel: 0, calibration: DEFAULT_CALIBRATION });
  return { ...r, mono };
}

/** Power of a stored row, from its rms in thousandths of a count, by the calibration formula (bit for bit as the writer). */
export const storedPower = (rmsMc: number): number => powerFromCurrent(currentFromRms(rmsMc / 1000, DEFAULT_CALIBRATION), DEFAULT_CALIBRATION);
