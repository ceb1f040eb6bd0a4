import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../src/main/storage/database';
import { DEFAULT_WRITER, HistoryWriter } from '../../src/main/storage/history-writer';
import type { StoredReading } from '../../src/main/storage/reading-store';

/** A folder for a suite's beforeAll (remove it in afterAll); inside a test, prefer useTempDir(). */
export const tempDir = (prefix = 'corcy-test-'): string => mkdtempSync(join(tmpdir(), prefix));

/** A reading whose power is exact under the default calibration: rms counts x 0.27 A x 237 V. */
export const stored = (t: number, rms: number, flags = 0): StoredReading => ({ t, channel: 0, mean: 511.5, min: 400, max: 620, rms, flags });

/** A real SQLite file holding readings every `stepMs` from `from` to `to` (excluded). */
export function dbWithReadings(from: number, to: number, stepMs: number, rms: (t: number) => number, dir: string): string {
  const path = join(dir, 'power.db');
  const db = openDatabase(path);
  const store = new HistoryWriter(db, DEFAULT_WRITER);
  let batch: StoredReading[] = [];
  for (let t = from; t < to; t += stepMs) {
    batch.push(stored(t, rms(t)));
    if (batch.length >= 10_000) {
      store.insert(batch);
      batch = [];
    }
  }
  store.insert(batch);
  db.close();
  return path;
}
