import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CALIBRATION } from '../src/main/acquisition/calibration';
import { costByDay } from '../src/main/tariffs/day-cost';
import { energySlices } from '../src/main/energy-slices/energy-source';
import { writeCsvFile } from '../src/main/export/csv-file-writer';
import { csvLines } from '../src/main/export/csv-rows';
import { openDatabase } from '../src/main/storage/database';
import { iterateReadings } from '../src/main/storage/reading-iterator';
import { ReadingStore, type StoredReading } from '../src/main/storage/reading-store';
import { localDateKey, startOfDate } from '../src/shared/local-time';
import { fmt, summarize } from './stats';

const N = Number(process.env.BENCH_EXPORT_READINGS ?? 1_000_000);
const TZ = 'Europe/Paris';

/**
 * CSV export and cost from raw rows (until rollups): rows per second against
 * the bare SQLite iteration they are built on, and the heap growth during a
 * streamed export (it should not grow with the number of rows).
 */
export async function run(): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'corcy-bench-export-'));
  try {
    const path = join(dir, 'power.db');
    const db = openDatabase(path);
    const store = new ReadingStore(db);
    const start = startOfDate('2026-01-01', TZ);
    for (let i = 0; i < N; i += 50_000) {
      const batch: StoredReading[] = [];
      for (let k = i; k < Math.min(N, i + 50_000); k++) {
        batch.push({ t: start + k * 500, channel: 0, mean: 511.5, min: 400 + (k % 50), max: 600 + (k % 60), rms: 3 + ((k * 7919) % 4000) / 100, flags: 0 });
      }
      store.insert(batch);
    }
    const end = start + N * 500;
    const lines: string[] = [];

    const iterate = (): number => {
      let n = 0;
      for (const _ of iterateReadings(db, start, end, DEFAULT_CALIBRATION)) n++;
      return n;
    };
    const base: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      iterate();
      base.push(performance.now() - t);
    }
    const baseMs = summarize(base).median;
    lines.push(`baseline: iterate ${N} raw rows from SQLite: median ${fmt(baseMs, 0)} ms (${fmt(N / baseMs, 0)} k rows/s)`);

    for (const resolution of ['raw', '1min', '1h'] as const) {
      for (const locale of resolution === 'raw' ? (['en', 'fr'] as const) : (['en'] as const)) {
        const runs: number[] = [];
        let heapGrowth = 0;
        let bytes = 0;
        for (let i = 0; i < 3; i++) {
          const reader = openDatabase(path, { readonly: true });
          global.gc?.();
          const heap0 = process.memoryUsage().heapUsed;
          let peak = heap0;
          const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 20);
          const t = performance.now();
          const csv = csvLines(iterateReadings(reader, start, end, DEFAULT_CALIBRATION), { resolution, locale, timeZone: TZ, calibration: DEFAULT_CALIBRATION });
          bytes = await writeCsvFile(csv.lines, join(dir, `out-${resolution}.csv`), false);
          runs.push(performance.now() - t);
          clearInterval(sampler);
          heapGrowth = Math.max(heapGrowth, peak - heap0);
          reader.close();
        }
        const ms = summarize(runs).median;
        lines.push(
          `export ${resolution} ${locale}: median ${fmt(ms, 0)} ms for ${N} readings (${fmt(N / ms, 0)} k readings/s, ${fmt(ms / baseMs, 1)}x the bare iteration), ` +
            `${fmt(bytes / 1e6, 1)} MB written, heap growth at most ${fmt(heapGrowth / 1e6, 1)} MB`,
        );
      }
    }

    // Cost of one local day from raw readings at 2 readings/s (172,800 rows): what getCost pays for today.
    const dayStart = startOfDate(localDateKey(start, TZ), TZ);
    const dayEnd = startOfDate('2026-01-02', TZ);
    const costRuns: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      costByDay(energySlices(db, dayStart, dayEnd, DEFAULT_CALIBRATION), dayStart, dayEnd, {
        tariff: [{ kind: 'hphc', effectiveFrom: '2025-01-01', subscriptionPerMonth: 16, hp: 0.27, hc: 0.2, offPeak: [{ from: '22:00', to: '06:00' }] }],
        colours: new Map(),
        timeZone: TZ,
      });
      costRuns.push(performance.now() - t);
    }
    const c = summarize(costRuns);
    lines.push(`cost of one day from raw rows (172800 readings, HP/HC): median ${fmt(c.median, 0)} ms, p95 ${fmt(c.p95, 0)} ms`);
    db.close();
    return lines;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
