import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ObjectId, serialize } from 'bson';
import { type Config, ConfigSchema } from '../src/main/config/config-schema';
import { bsonSource } from '../src/main/import/bson-source';
import type { LegacySource } from '../src/main/import/legacy-source';
import { runImport } from '../src/main/import/run-import';
import { sqliteSource } from '../src/main/import/sqlite-source';
import { writeLegacyDb } from '../test/helpers/legacy-db';
import { fmt, summarize } from './stats';

const N = Number(process.env.BENCH_IMPORT_RECORDS ?? 2_000_000);
const RUNS = 3;
/** A year of the old system at 1.5 records a second, the middle of its 1 to 2. */
const YEAR = 365 * 86_400 * 1.5;

type Row = [time: number, channel: number, rms: number, mean: number, minadc: number, maxadc: number];

function* records(): Generator<Row> {
  const t0 = Date.parse('2024-01-01T00:00:00Z') / 1000;
  for (let i = 0; i < N; i++) {
    const rms = 2 + ((i * 7919) % 4000) / 100;
    yield [t0 + i * 0.5 + (i % 7) * 0.001, 0, rms, 511 + (i % 10) / 10, Math.floor(511 - 3 * rms), Math.ceil(512 + 3 * rms)];
  }
}

/** The baseline: the same rows, already in memory, bulk-inserted into an empty table in one transaction. */
function plainInsert(path: string, rows: Row[]): void {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE t (time REAL, channel INTEGER, rms REAL, mean REAL, minadc REAL, maxadc REAL)');
  const insert = db.prepare('INSERT INTO t VALUES (?, ?, ?, ?, ?, ?)');
  db.transaction(() => {
    for (const r of rows) insert.run(r);
  })();
  db.close();
}

function timed(f: () => Promise<void> | void): Promise<{ wall: number; cpu: number }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  return Promise.resolve(f()).then(() => {
    const c = process.cpuUsage(c0);
    return { wall: performance.now() - t0, cpu: (c.user + c.system) / 1000 };
  });
}

/** The same rows as a mongodump file, written 10,000 documents at a time. */
function writeDump(path: string, rows: Row[]): void {
  const fd = openSync(path, 'w');
  let chunk: Uint8Array[] = [];
  for (const [time, channel, rms, mean, minadc, maxadc] of rows) {
    chunk.push(serialize({ _id: new ObjectId(), channel, mean, rms, minadc, maxadc, time }));
    if (chunk.length === 10_000) {
      writeSync(fd, Buffer.concat(chunk));
      chunk = [];
    }
  }
  writeSync(fd, Buffer.concat(chunk));
  closeSync(fd);
}

/** Median wall and CPU ms of importing from `open()` into a fresh database, RUNS times. */
async function timeImports(dir: string, kind: string, open: () => LegacySource, config: Config): Promise<{ wall: number; cpu: number }> {
  const runs: { wall: number; cpu: number }[] = [];
  for (let i = 0; i < RUNS; i++) {
    const dbPath = join(dir, `${kind}-${i}.db`);
    const source = open();
    runs.push(
      await timed(async () => {
        const s = await runImport({ source, dbPath, config, dryRun: false });
        if (s.counts.raw !== N) throw new Error(`imported ${s.counts.raw} of ${N}`);
      }),
    );
    await source.close();
    for (const file of [dbPath, `${dbPath}-wal`, `${dbPath}-shm`]) rmSync(file, { force: true });
  }
  return { wall: summarize(runs.map((r) => r.wall)).median, cpu: summarize(runs.map((r) => r.cpu)).median };
}

/**
 * Import of the old system's data, from its power.db and from a mongodump
 * file: records per second against the plain speed of bulk-inserting the same
 * rows into an empty better-sqlite3 table, measured in the same run.
 */
export async function run(): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'corcy-bench-import-'));
  try {
    const rows = [...records()];
    writeLegacyDb(
      join(dir, 'power.db'),
      rows.map(([time, channel, rms, mean, minadc, maxadc]) => ({ time, channel, rms, mean, minadc, maxadc })),
    );
    writeDump(join(dir, 'adc.bson'), rows);

    const config = ConfigSchema.parse({ storage: { retentionDays: 36_600 } });
    const lines: string[] = [];
    const base: { wall: number; cpu: number }[] = [];
    for (let i = 0; i < RUNS; i++) {
      const path = join(dir, `plain-${i}.db`);
      base.push(await timed(() => plainInsert(path, rows)));
      rmSync(path, { force: true });
    }
    const baseWall = summarize(base.map((b) => b.wall)).median;
    const baseCpu = summarize(base.map((b) => b.cpu)).median;
    lines.push(
      `baseline: bulk insert of the same ${N} rows into an empty table: median ${fmt(baseWall, 0)} ms (${fmt((N / baseWall) * 1000, 0)} rows/s), ${fmt(baseCpu, 0)} ms CPU`,
    );

    for (const [kind, open] of [
      ['sqlite', () => sqliteSource(join(dir, 'power.db'))],
      ['bson', () => bsonSource(join(dir, 'adc.bson'))],
    ] as [string, () => LegacySource][]) {
      const { wall, cpu } = await timeImports(dir, kind, open, config);
      const rate = (N / wall) * 1000;
      lines.push(
        `import ${kind}: median ${fmt(wall, 0)} ms for ${N} records (${fmt(rate, 0)} records/s), ratio to the baseline ${fmt(baseWall / wall, 2)} wall, ` +
          `${fmt(baseCpu / cpu, 2)} CPU; a year at 1.5 records/s (${fmt(YEAR / 1e6, 1)} M) ~ ${fmt(YEAR / rate / 60, 1)} min`,
      );
    }
    return lines;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
