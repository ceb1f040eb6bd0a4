import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { type Served, startServe } from '../../helpers/serve';
import { useTempDir } from '../../helpers/temp-dir';
import { until } from '../../helpers/until';

// The real `serve` under Debian's libfaketime: its wall clock (clock_gettime
// CLOCK_REALTIME, gettimeofday, time) is this machine's plus the offset written
// in a file, read again every second, as NTP or `date -s` would step it. The
// monotonic clock is left alone (FAKETIME_DONT_FAKE_MONOTONIC), as the kernel
// leaves CLOCK_MONOTONIC alone when the time is set.

const LIBFAKETIME = '/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1';
const WINDOW_MS = 100;
const tmp = useTempDir();
const running: Served[] = [];
afterEach(async () => {
  for (const s of running.splice(0)) await s.stop('SIGKILL');
});

function setup(): { dir: string; offset: (o: string) => void; args: string[]; env: Record<string, string> } {
  const dir = tmp();
  const rc = join(dir, 'faketime.rc');
  writeFileSync(rc, '+0\n');
  const config = join(dir, 'config.json');
  writeFileSync(config, JSON.stringify({ source: { kind: 'simulated', samplesPerWindow: 100, windowMs: WINDOW_MS }, storage: { flushIntervalMs: 500 } }));
  return {
    dir,
    offset: (o) => writeFileSync(rc, `${o}\n`),
    args: ['--config', config, '--db', join(dir, 'power.db')],
    env: { LD_PRELOAD: LIBFAKETIME, FAKETIME_TIMESTAMP_FILE: rc, FAKETIME_CACHE_DURATION: '1', FAKETIME_DONT_FAKE_MONOTONIC: '1' },
  };
}

async function serve(args: string[], env: Record<string, string> = {}): Promise<Served> {
  const s = await startServe(args, env);
  running.push(s);
  return s;
}

/** The last reading's stamp minus this machine's true time, ms (null before the first reading). */
async function lead(s: Served): Promise<number | null> {
  const status = (await (await fetch(`${s.url}/api/status`)).json()) as { lastReading: { t: number } | null };
  return status.lastReading ? status.lastReading.t - Date.now() : null;
}

async function waitLead(s: Served, ok: (ms: number) => boolean, within: number): Promise<void> {
  let last: number | null = null;
  const end = Date.now() + within;
  while (!(last !== null && ok(last))) {
    if (Date.now() > end) throw new Error(`readings lead true time by ${last} ms\n${s.output()}`);
    await new Promise((r) => setTimeout(r, 200));
    last = await lead(s);
  }
}

async function stopWithin(s: Served, ms: number): Promise<void> {
  const started = Date.now();
  const code = await s.stop('SIGTERM');
  running.splice(running.indexOf(s), 1);
  expect(Date.now() - started, s.output()).toBeLessThan(ms);
  expect(code).toBe(0);
}

/** No minute of wall time holds more than a minute of readings: none was counted twice. */
function mostCoveredMinute(dir: string): number {
  const db = new Database(join(dir, 'power.db'), { readonly: true });
  try {
    return (db.prepare('SELECT max(covered_ms) AS c FROM rollup_minute').get() as { c: number }).c;
  } finally {
    db.close();
  }
}

/** Readings in the file stamped more than `ms` ahead of this machine's true time. */
function storedAhead(dir: string, ms: number): number {
  const db = new Database(join(dir, 'power.db'), { readonly: true, timeout: 5000 });
  try {
    return (db.prepare('SELECT count(*) AS n FROM reading WHERE k >= ?').get((Date.now() + ms) * 8) as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('serve when the wall clock jumps', () => {
  it('keeps reading through +1 h and back, returns to true time within a minute, counts nothing twice and stops on SIGTERM', async () => {
    const f = setup();
    const s = await serve(f.args, f.env);
    await waitLead(s, (ms) => Math.abs(ms) < 5000, 20_000);
    f.offset('+3600');
    await waitLead(s, (ms) => ms > 3_590_000, 20_000);
    f.offset('+0');
    const corrected = Date.now();
    await waitLead(s, (ms) => Math.abs(ms) < 5000, 60_000);
    expect(Date.now() - corrected).toBeLessThan(60_000);
    // Still reading: the source did not go to sleep for the hour.
    await waitLead(s, (ms) => Math.abs(ms) < 2000, 10_000);
    await stopWithin(s, 10_000);
    expect(s.output()).toMatch(/jumped forward by 36\d\d\.\d s/);
    expect(mostCoveredMinute(f.dir)).toBeLessThanOrEqual(60_000 + WINDOW_MS);
  }, 120_000);

  it('after a brief +2 h and a clean restart on the right clock, stamps readings at true time again within a minute', async () => {
    const f = setup();
    f.offset('+7200');
    const ahead = await serve(f.args, f.env);
    await waitLead(ahead, (ms) => ms > 7_190_000, 20_000);
    // Some of those readings are in the file, not only in memory, before the restart.
    await until(() => storedAhead(f.dir, 7_190_000) >= 5, 20_000, 100);
    await stopWithin(ahead, 10_000);
    const restarted = Date.now();
    const right = await serve(f.args);
    await waitLead(right, (ms) => Math.abs(ms) < 5000, 60_000);
    expect(Date.now() - restarted).toBeLessThan(60_000);
    await stopWithin(right, 10_000);
    expect(right.output()).toMatch(/it is right and they were ahead/);
    expect(mostCoveredMinute(f.dir)).toBeLessThanOrEqual(60_000 + WINDOW_MS);
  }, 120_000);
});
