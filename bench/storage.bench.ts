import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase } from '../src/main/storage/database';
import { DEFAULT_WRITER, HistoryWriter } from '../src/main/storage/history-writer';
import { ReadingStore, type StoredReading } from '../src/main/storage/reading-store';
import { LEGACY_ADC_SCHEMA } from '../test/helpers/legacy-db';
import { fmt, summarize } from './stats';

const N = Number(process.env.BENCH_READINGS ?? 1_000_000);

function readings(n: number, start: number): StoredReading[] {
  const out: StoredReading[] = [];
  for (let i = 0; i < n; i++) {
    const rms = 3 + ((i * 7919) % 4000) / 100;
    out.push({ t: start + i * 500, channel: 0, mean: 511.5 + ((i % 13) - 6) / 1000, min: 400 + (i % 50), max: 600 + (i % 60), rms, flags: 0 });
  }
  return out;
}

/** Readings stored per second through the real store, and bytes per reading on disk after N readings. */
export function run(): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'corcy-bench-'));
  try {
    const rows = readings(N, 1_790_000_000_000);
    const path = join(dir, 'power.db');
    const store = new ReadingStore(openDatabase(path));
    const writer = new HistoryWriter(store.db, DEFAULT_WRITER);
    // The live path writes one batch per flush interval: 4 readings every 2 s.
    const batchTimes: number[] = [];
    for (let i = 0; i < 2000; i++) {
      const batch = rows.slice(i * 4, i * 4 + 4);
      const t = performance.now();
      writer.insert(batch);
      batchTimes.push(performance.now() - t);
    }
    const live = summarize(batchTimes);
    const t0 = performance.now();
    for (let i = 8000; i < rows.length; i += 10_000) writer.insert(rows.slice(i, i + 10_000));
    const bulkMs = performance.now() - t0;
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    store.db.exec('VACUUM');
    const bytes = statSync(path).size;
    store.db.close();

    // Baseline: the old system's schema (REAL columns, float time, redundant index).
    const old = new Database(join(dir, 'old.db'));
    old.pragma('journal_mode = WAL');
    old.exec(LEGACY_ADC_SCHEMA);
    const ins = old.prepare('INSERT INTO adc VALUES (?, ?, ?, ?, ?, ?)');
    const t1 = performance.now();
    old.transaction(() => {
      for (const r of rows) ins.run(r.t / 1000, r.channel, r.rms, r.mean, r.min, r.max);
    })();
    const oldMs = performance.now() - t1;
    old.pragma('wal_checkpoint(TRUNCATE)');
    old.exec('VACUUM');
    old.close();
    const oldBytes = statSync(join(dir, 'old.db')).size;
    return [
      `live batches (4 readings per flush): median ${fmt(live.median * 1000, 0)} µs, p95 ${fmt(live.p95 * 1000, 0)} µs per batch`,
      `bulk store rate: ${fmt((rows.length - 8000) / (bulkMs / 1000), 0)} readings/s (old schema, same rows, one transaction: ${fmt(rows.length / (oldMs / 1000), 0)} rows/s)`,
      `on disk after ${N.toLocaleString('en')} readings: ${fmt(bytes / N, 1)} bytes/reading; old schema with its redundant index: ${fmt(oldBytes / N, 1)} bytes/reading (ratio ${fmt(oldBytes / bytes, 2)}x smaller)`,
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
