import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/storage/database';
import { ROLLUP_LEVELS } from '../../../src/main/storage/rollup-levels';
import { CLI, assertBuilt } from '../../helpers/serve';
import { storedPower, tempDb } from '../../helpers/history-db';

// The Pi loses power without warning. Here a writer (`corcy-power simulate`, the
// live storage path, a transaction every 500 readings) is SIGKILLed at random
// moments, 20 times over the same file; after each kill the file must pass
// integrity_check, its rollups must agree with its raw rows, and what was lost
// must be at most the batch in flight.

const RUNS = 20;
const BATCH = 500;
let cli: string;
let t: ReturnType<typeof tempDb>;
let configPath: string;

beforeAll(() => {
  assertBuilt();
  cli = CLI;
  t = tempDb();
  t.db.close();
  configPath = join(t.dir, 'config.json');
  writeFileSync(configPath, JSON.stringify({ storage: { retentionDays: 36_600 } }));
}, 180_000);
afterAll(() => t.close());

const exited = (child: ChildProcess): Promise<NodeJS.Signals | number | null> => new Promise((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));

function check(): { rows: number; lastT: number | null } {
  const db = openDatabase(t.path);
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const rows = (db.prepare('SELECT count(*) AS n FROM reading').get() as { n: number }).n;
    const maxT = (db.prepare('SELECT max(k) >> 3 AS t FROM reading').get() as { t: number | null }).t;
    const cursor = db.prepare('SELECT last_t FROM cursor').get() as { last_t: number | null };
    expect(cursor.last_t).toBe(maxT);
    // Loss bounded by the batch: only whole transactions of BATCH readings exist.
    expect(rows % BATCH).toBe(0);
    for (const level of ROLLUP_LEVELS) {
      const n = (db.prepare(`SELECT coalesce(sum(n), 0) AS n FROM rollup_${level}`).get() as { n: number }).n;
      expect(n, `readings counted in rollup_${level}`).toBe(rows);
    }
    let energy = 0;
    for (const r of db.prepare('SELECT rms_mc, span_ms FROM reading').iterate() as IterableIterator<{ rms_mc: number; span_ms: number }>) {
      if (r.span_ms > 0) energy += Math.round(storedPower(r.rms_mc) * r.span_ms);
    }
    const hourEnergy = (db.prepare('SELECT coalesce(sum(energy_mj), 0) AS e FROM rollup_hour').get() as { e: number }).e;
    expect(hourEnergy).toBe(energy);
    return { rows, lastT: maxT };
  } finally {
    db.close();
  }
}

describe('storage under SIGKILL', () => {
  it(`stays intact and consistent through ${RUNS} kills at random moments during heavy writes`, async () => {
    let from = Date.parse('2020-01-01T00:00:00Z');
    let before = 0;
    const grew: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const child = spawn(
        process.execPath,
        [cli, 'simulate', '--from', String(from), '--to', String(from + 30 * 86_400_000), '--batch', String(BATCH), '--no-outages', '--db', t.path, '--config', configPath],
        { stdio: 'ignore' },
      );
      // Start-up time varies with the machine's load: wait for the first writes (the
      // WAL grows; the check below closes the file, which removes it), then kill
      // at a random moment of the heavy writing that follows.
      const started = Date.now();
      const walBytes = (): number => (existsSync(`${t.path}-wal`) ? statSync(`${t.path}-wal`).size : 0);
      while (walBytes() < 100_000 && Date.now() - started < 20_000) await sleep(5);
      await sleep(Math.floor(Math.random() * 800));
      child.kill('SIGKILL');
      expect(await exited(child)).toBe('SIGKILL');
      const now = check();
      expect(now.rows).toBeGreaterThanOrEqual(before);
      grew.push(now.rows - before);
      before = now.rows;
      if (now.lastT !== null) from = now.lastT + 1;
    }
    console.log(`rows written between kills: ${grew.join(' ')}`);
    // The kills landed mid-write: the file grew between most of them.
    expect(grew.filter((g) => g > 0).length).toBe(RUNS);
  }, 300_000);
});
