import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CALIBRATION } from '../src/main/acquisition/calibration';
import { costByDay } from '../src/main/billing/day-cost';
import { energySlices } from '../src/main/energy/energy-source';
import { writeCsvFile } from '../src/main/export/csv-file-writer';
import { csvExport } from '../src/main/export/csv-export';
import { openDatabase } from '../src/main/storage/database';
import { iterateReadings } from '../src/main/storage/reading-iterator';
import { DEFAULT_WRITER, HistoryWriter } from '../src/main/storage/history-writer';
import type { StoredReading } from '../src/main/storage/reading-store';
import type Database from 'better-sqlite3';
import type { CsvLocale, ExportResolution } from '../src/shared/kiosk-contract';
import { localDateKey, startOfDate } from '../src/shared/local-time';
import { fmt, summarize } from './stats';

const N = Number(process.env.BENCH_EXPORT_READINGS ?? 1_000_000);
const TZ = 'Europe/Paris';

/** N readings every 500 ms from `start`, written through the live writer. */
function fill(db: Database.Database, start: number): void {
  const writer = new HistoryWriter(db, DEFAULT_WRITER);
  for (let i = 0; i < N; i += 50_000) {
    const batch: StoredReading[] = [];
    for (let k = i; k < Math.min(N, i + 50_000); k++) {
      batch.push({ t: start + k * 500, channel: 0, mean: 511.5, min: 400 + (k % 50), max: 600 + (k % 60), rms: 3 + ((k * 7919) % 4000) / 100, flags: 0 });
    }
    writer.insert(batch);
  }
}

/** Median ms of three exports of `range` to a file, the bytes written and the most the heap grew meanwhile. */
async function timeExport(path: string, dir: string, range: { from: number; to: number }, resolution: ExportResolution, locale: CsvLocale) {
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
    const csv = csvExport(reader, range, { resolution, locale, timeZone: TZ, calibration: DEFAULT_CALIBRATION });
    bytes = await writeCsvFile(csv.lines, join(dir, `out-${resolution}.csv`), false);
    runs.push(performance.now() - t);
    clearInterval(sampler);
    heapGrowth = Math.max(heapGrowth, peak - heap0);
    reader.close();
  }
  return { ms: summarize(runs).median, bytes, heapGrowth };
}

/**
 * CSV export (raw from the readings, aggregated from the rollups) and cost:
 * readings per second against the bare SQLite iteration of the raw rows, and
 * the heap growth during a streamed export (it should not grow with the rows).
 */
export async function run(): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'corcy-bench-export-'));
  try {
    const path = join(dir, 'power.db');
    const db = openDatabase(path);
    const start = startOfDate('2026-01-01', TZ);
    fill(db, start);
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

    for (const resolution of ['raw', '1min', '1h', '1day'] as const) {
      for (const locale of resolution === 'raw' ? (['en', 'fr'] as const) : (['en'] as const)) {
        const { ms, bytes, heapGrowth } = await timeExport(path, dir, { from: start, to: end }, resolution, locale);
        lines.push(
          `export ${resolution} ${locale}: median ${fmt(ms, 0)} ms for ${N} readings (${fmt(N / ms, 0)} k readings/s, ${fmt(ms / baseMs, 1)}x the bare iteration), ` +
            `${fmt(bytes / 1e6, 1)} MB written, heap growth at most ${fmt(heapGrowth / 1e6, 1)} MB`,
        );
      }
    }

    // Cost of one local day at 2 readings/s (172,800 readings, 1440 minute rollups): what getCost pays for today.
    const dayStart = startOfDate(localDateKey(start, TZ), TZ);
    const dayEnd = startOfDate('2026-01-02', TZ);
    const costRuns: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      costByDay(energySlices(db, dayStart, dayEnd), dayStart, dayEnd, {
        tariff: [{ kind: 'hphc', effectiveFrom: '2025-01-01', subscriptionPerMonth: 16, hp: 0.27, hc: 0.2, offPeak: [{ from: '22:00', to: '06:00' }] }],
        colours: new Map(),
        timeZone: TZ,
      });
      costRuns.push(performance.now() - t);
    }
    const c = summarize(costRuns);
    lines.push(`cost of one day from minute rollups (172800 readings, HP/HC): median ${fmt(c.median, 0)} ms, p95 ${fmt(c.p95, 0)} ms`);
    db.close();
    return lines;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
