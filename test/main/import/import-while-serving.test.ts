import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/storage/database';
import { dayPeriod, localDayNumber } from '../../../src/shared/zoned-calendar';
import { energyPerDay, legacyWindows, writeLegacyDb } from '../../helpers/legacy-db';
import { CLI, type Served, startServe } from '../../helpers/serve';
import { useTempDir } from '../../helpers/temp-dir';
import { until } from '../../helpers/until';
import { bodyOf } from '../../helpers/typed-json';

const TZ = 'Europe/Paris';
const tempDir = useTempDir();
let served: Served | null = null;
afterEach(async () => {
  await served?.stop();
  served = null;
});

/** Local midnight `daysAgo` days before today, in Paris. */
const parisMidnight = (daysAgo: number): number => dayPeriod(localDayNumber(Date.now(), TZ) - daysAgo, TZ).start;

describe('import while the kiosk is recording', () => {
  it('live acquisition goes on, and the history and energy it serves include the imported past once done', async () => {
    const dir = tempDir();
    const dbPath = join(dir, 'power.db');
    const config = join(dir, 'config.json');
    writeFileSync(config, JSON.stringify({ source: { kind: 'simulated' }, storage: { retentionDays: 36_600 } }));
    served = await startServe(['--db', dbPath, '--config', config]);
    const api = (path: string): Promise<Response> => fetch(served!.url.replace(/\/$/, '') + path);

    // Two whole local days before yesterday, at one record a second.
    const from = parisMidnight(3);
    const to = parisMidnight(1);
    const rows = [...legacyWindows(from / 1000, to / 1000, 1)];
    writeLegacyDb(join(dir, 'old.db'), rows);
    await until(() => {
      const db = openDatabase(dbPath, { readonly: true });
      const n = (db.prepare('SELECT count(*) AS n FROM reading').get() as { n: number }).n;
      db.close();
      return n > 0;
    }, 15_000);

    const startedAt = Date.now();
    const child = spawn(process.execPath, [CLI, 'import', 'sqlite', join(dir, 'old.db'), '--db', dbPath, '--config', config, '--batch', '5000'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const code = await new Promise((r) => child.once('exit', r));
    expect(code, out).toBe(0);
    expect(out).toContain(`imported ${rows.length.toLocaleString('en-US')} readings`);
    // Not a terminal: no progress bar redrawn with carriage returns in a log.
    expect(out).not.toContain('\r');

    // The kiosk kept recording through the import, with no storage error: wait
    // for the writer's next flushes (every 2 s) to land rather than for a fixed time.
    const liveSince = (): { n: number; last: number } => {
      const db = openDatabase(dbPath, { readonly: true });
      try {
        return db.prepare('SELECT count(*) AS n, max(k) >> 3 AS last FROM reading WHERE k >= ?').get(startedAt * 8) as { n: number; last: number };
      } finally {
        db.close();
      }
    };
    await until(() => liveSince().n > 4, 20_000, 100);
    const live = liveSince();
    expect(Date.now() - live.last).toBeLessThan(5000);
    expect(served.output()).not.toMatch(/storage.*(error|fail)|SQLITE_BUSY/i);

    // What the screen asks for: energy per day and the chart over the imported days.
    const energy = await bodyOf('getEnergy', api(`/api/energy?from=${from}&to=${to}&per=day`));
    const expected = energyPerDay(
      rows.map((r) => ({ t: Math.round(r.time * 1000), rms: r.rms })),
      TZ,
    );
    expect(energy.map((e) => e.period)).toEqual([...expected.keys()]);
    for (const e of energy) expect(Math.abs(e.wh - expected.get(e.period)!)).toBeLessThan(0.01);
    const history = await bodyOf('getHistory', api(`/api/history?from=${from}&to=${to}&maxPoints=500`));
    expect(history.n.reduce((a, b) => a + b, 0)).toBe(rows.length);
  }, 90_000);
});
