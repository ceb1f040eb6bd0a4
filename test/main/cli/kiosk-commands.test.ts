import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../src/main/cli/commands';
import { runCli } from '../../../src/main/cli/run-cli';
import { startOfDate } from '../../../src/shared/local-time';
import { dbWithReadings } from '../../helpers/readings-db';
import { CLI, assertBuilt } from '../../helpers/serve';
import { useTempDir } from '../../helpers/temp-dir';

const tmp = useTempDir();

async function run(argv: string[]): Promise<{ code: number; err: string[] }> {
  const err: string[] = [];
  const code = await runCli(argv, COMMANDS, (line: string) => err.push(line));
  return { code, err };
}

/** `export` of the local day 2026-03-29 (spring forward in Paris) at `resolution` into `out`. */
const exportArgs = (dir: string, db: string, out: string, resolution: string): string[] => [
  'export',
  '--db',
  db,
  '--config',
  join(dir, 'none.json'),
  '--from',
  '2026-03-29',
  '--to',
  '2026-03-29',
  '--resolution',
  resolution,
  '--out',
  out,
];

describe('corcy-power export', () => {
  it('writes hourly rows of a local day, French format, through a .partial file', async () => {
    const dir = tmp();
    const from = startOfDate('2026-03-29', 'Europe/Paris');
    const db = dbWithReadings(from, from + 23 * 3_600_000, 1000, () => 10, dir);
    const out = join(dir, 'out', 'mars.csv');
    const r = await run([...exportArgs(dir, db, out, '1h'), '--locale', 'fr']);
    expect(r).toEqual({ code: 0, err: [] });
    const lines = readFileSync(out, 'utf8').split('\r\n').filter(Boolean);
    // The spring-forward day has 23 local hours: 02:00 never happened.
    expect(lines).toHaveLength(24);
    expect(lines[2]).toMatch(/^2026-03-29T01:00:00\.000\+01:00;639,9;2,700;639,9\d\d;640,0;640,0;3600;$/);
    expect(lines[3]).toMatch(/^2026-03-29T03:00:00\.000\+02:00;/);
  });

  it.each([
    [['--resolution', '5min'], /--resolution/],
    [['--from', 'yesterday'], /--from/],
    [['--to', '2026-01-01', '--from', '2026-02-01'], /--to must be after --from/],
  ])('refuses bad arguments %j with one line and exit 2', async (bad, message) => {
    const dir = tmp();
    const db = dbWithReadings(0, 1, 1, () => 1, dir);
    const args: Record<string, string> = { '--from': '2026-01-01', '--to': '2026-01-02', '--resolution': 'raw', '--out': join(dir, 'x.csv') };
    for (let i = 0; i < bad.length; i += 2) args[bad[i]!] = bad[i + 1]!;
    const r = await run(['export', '--db', db, '--config', join(dir, 'none.json'), ...Object.entries(args).flat()]);
    expect(r.code).toBe(2);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toMatch(message);
  });
});

describe('corcy-power export on a read-only database and a full disk', () => {
  const args = (dir: string, db: string, out: string): string[] => exportArgs(dir, db, out, 'raw');

  it('exports a database it may only read: a copy in rollback-journal mode, as a backup is', async () => {
    const dir = tmp();
    const from = startOfDate('2026-03-29', 'Europe/Paris');
    const db = dbWithReadings(from, from + 3_600_000, 1000, () => 10, dir);
    const w = new Database(db);
    w.pragma('journal_mode = DELETE');
    w.close();
    const out = join(dir, 'ro.csv');
    expect(await run(args(dir, db, out))).toEqual({ code: 0, err: [] });
    expect(readFileSync(out, 'utf8').split('\r\n').filter(Boolean)).toHaveLength(3601);
    // Opened read-only: the file was not switched to WAL behind the owner's back.
    expect(existsSync(`${db}-wal`)).toBe(false);
  });

  it('says the disk is full and leaves no file when the kernel refuses to let the file grow (ulimit -f)', () => {
    assertBuilt();
    const dir = tmp();
    const from = startOfDate('2026-03-29', 'Europe/Paris');
    const db = dbWithReadings(from, from + 3_600_000, 250, () => 10, dir);
    const out = join(dir, 'full.csv');
    // RLIMIT_FSIZE: writes past 64 KiB fail with EFBIG, as a full card fails with ENOSPC (Node ignores SIGXFSZ).
    const r = spawnSync('bash', ['-c', 'ulimit -f 64; exec "$0" "$@"', process.execPath, CLI, ...args(dir, db, out)], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/corcy-power export: no space left: .*EFBIG/);
    expect(readdirSync(dir).filter((f) => f.startsWith('full'))).toEqual([]);
  });
});

describe('corcy-power tempo', () => {
  it('imports colours beside the database and names a bad line', async () => {
    const dir = tmp();
    const db = join(dir, 'power.db');
    writeFileSync(join(dir, 'c.csv'), 'date;couleur\n2026-01-05;rouge\n2026-01-06;bleu\n');
    expect(await run(['tempo', '--import', join(dir, 'c.csv'), '--db', db, '--config', join(dir, 'none.json')])).toEqual({ code: 0, err: [] });
    expect(JSON.parse(readFileSync(join(dir, 'tempo-colours.json'), 'utf8'))).toEqual({ '2026-01-05': 'red', '2026-01-06': 'blue' });
    writeFileSync(join(dir, 'bad.csv'), '2026-01-07,violet\n');
    const r = await run(['tempo', '--import', join(dir, 'bad.csv'), '--db', db, '--config', join(dir, 'none.json')]);
    expect(r.code).toBe(2);
    expect(r.err[0]).toMatch(/bad\.csv line 1: unknown colour "violet"/);
  });
});
