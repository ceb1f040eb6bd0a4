import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DEFAULT_CALIBRATION } from '../src/main/acquisition/calibration';
import { openDatabase } from '../src/main/storage/database';
import { HistoryQuery } from '../src/main/storage/history-query';
import { fmt, summarize, timeRuns } from './stats';

// A simulated year at 1 reading/s, written by `corcy-power simulate` (the live
// storage path), then: bytes per raw reading and per rollup row, history query
// latency per range, and the same buckets answered from raw rows alone.

const DAYS = Number(process.env.BENCH_HISTORY_DAYS ?? 365);
const CLI = resolve(__dirname, '..', 'out', 'main', 'cli.js');
const DAY = 86_400_000;
const RANGES: [string, number][] = [
  ['10 min', 10 * 60_000],
  ['1 h', 3_600_000],
  ['3 h', 3 * 3_600_000],
  ['6 h', 6 * 3_600_000],
  ['12 h', 12 * 3_600_000],
  ['24 h', DAY],
  ['7 d', 7 * DAY],
  ['30 d', 30 * DAY],
  // The longest range still read from minutes at 1000 points: the most rows any range reads.
  ['41 d', 41 * DAY],
  ['1 year', 365 * DAY],
];
const MAX_POINTS = 1000;

function tableBytes(db: ReturnType<typeof openDatabase>, name: string): { bytes: number; rows: number } {
  const bytes = (db.prepare('SELECT sum(pgsize) AS b FROM dbstat WHERE name = ?').get(name) as { b: number }).b;
  const rows = (db.prepare(`SELECT count(*) AS n FROM ${name}`).get() as { n: number }).n;
  return { bytes, rows };
}

export function run(): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'corcy-history-bench-'));
  try {
    const path = join(dir, 'power.db');
    const config = join(dir, 'config.json');
    writeFileSync(config, JSON.stringify({ source: { windowMs: 1000 }, storage: { retentionDays: DAYS + 30 } }));
    const to = Date.now() - 60_000;
    const from = to - DAYS * DAY;
    const t0 = performance.now();
    const said = execFileSync(process.execPath, [CLI, 'simulate', '--from', String(from), '--to', String(to), '--db', path, '--config', config], { encoding: 'utf8' });
    const simS = (performance.now() - t0) / 1000;
    const readings = Number(/: (\d+) readings/.exec(said)?.[1] ?? NaN);

    const db = openDatabase(path);
    db.pragma('wal_checkpoint(TRUNCATE)');
    const raw = tableBytes(db, 'reading');
    const minute = tableBytes(db, 'rollup_minute');
    const hour = tableBytes(db, 'rollup_hour');
    const day = tableBytes(db, 'rollup_day');
    const tenS = tableBytes(db, 'rollup_10s');
    const tenMin = tableBytes(db, 'rollup_10min');
    const tenYears =
      (minute.bytes / minute.rows) * 10 * 365.25 * 1440 +
      (tenMin.bytes / tenMin.rows) * 10 * 365.25 * 144 +
      (hour.bytes / hour.rows) * 10 * 365.25 * 24 +
      (day.bytes / day.rows) * 10 * 365.25;
    const lines = [
      `simulate: ${readings.toLocaleString('en')} readings (${DAYS} days at 1/s) in ${fmt(simS, 1)} s: ${fmt(readings / simS, 0)} readings/s, process start included`,
      `raw: ${fmt(raw.bytes / raw.rows, 2)} bytes/reading (dbstat, table = its only index); file ${fmt(statSync(path).size / raw.rows, 2)} bytes/reading with rollups`,
      `10 s rollups (kept with raw rows only): ${fmt(tenS.bytes / tenS.rows, 1)} B/row, ${fmt(tenS.bytes / raw.rows, 2)} B per raw reading`,
      `rollups: minute ${fmt(minute.bytes / minute.rows, 1)} B/row (${minute.rows} rows), 10 min ${fmt(tenMin.bytes / tenMin.rows, 1)} B/row, hour ${fmt(hour.bytes / hour.rows, 1)} B/row, day ${fmt(day.bytes / day.rows, 1)} B/row; 10 years extrapolated: ${fmt(tenYears / 1e6, 1)} MB`,
    ];
    const q = new HistoryQuery(db, { calibration: () => DEFAULT_CALIBRATION, channel: () => 0, readingIntervalMs: () => 1000, timeZone: () => 'Europe/Paris' });
    for (const [name, span] of RANGES) {
      const f = to - span;
      const level = q.history(f, to, MAX_POINTS).level;
      const fast = summarize(timeRuns(30, () => q.history(f, to, MAX_POINTS)));
      const slow = summarize(timeRuns(span > 7 * DAY ? 2 : 5, () => q.history(f, to, MAX_POINTS, true)));
      lines.push(
        `history ${name.padEnd(6)} (${level.padEnd(6)}, ${MAX_POINTS} pts): median ${fmt(fast.median, 2)} ms, p95 ${fmt(fast.p95, 2)} ms; raw rows alone median ${fmt(slow.median, 1)} ms: ${fmt(slow.median / fast.median, 0)}x`,
      );
    }
    db.close();
    return lines;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
