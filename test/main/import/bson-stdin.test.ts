import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ObjectId, serialize } from 'bson';
import { describe, expect, it } from 'vitest';
import { legacyDoc, readingsIn } from '../../helpers/legacy-docs';
import { CLI, assertBuilt } from '../../helpers/serve';
import { useTempDir } from '../../helpers/temp-dir';

const tmp = useTempDir();

/** 2020-09-13T12:26:40Z: the old system's era. */
const T0 = 1_600_000_000;

/** A mongodump of `n` windows, one every half second. */
function dumpOf(n: number): Buffer {
  return Buffer.concat(Array.from({ length: n }, (_, i) => Buffer.from(serialize({ _id: new ObjectId(), ...legacyDoc(T0 + i / 2) }))));
}

/** Runs the built CLI with `input` on its standard input (null: a file argument instead). */
async function cli(args: string[], input: Buffer | null): Promise<{ code: number | null; out: string }> {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  child.stdin.on('error', () => undefined);
  child.stdin.end(input ?? undefined);
  const code = await new Promise<number | null>((r) => child.once('exit', r));
  return { code, out };
}

function setup(): { dir: string; config: string } {
  const dir = tmp();
  const config = join(dir, 'config.json');
  writeFileSync(config, JSON.stringify({ storage: { retentionDays: 36_600 } }));
  return { dir, config };
}

const view = (dbPath: string) => readingsIn(dbPath).map((r) => [r.t, r.channel, r.mean, r.rms, r.min, r.max]);

describe('import bson - (a dump piped from mongodump --out -)', () => {
  it('imports the same readings as from the file, plain or gzip', async () => {
    assertBuilt();
    const { dir, config } = setup();
    const dump = dumpOf(3000);
    writeFileSync(join(dir, 'adc.bson'), dump);
    const fromFile = await cli(['import', 'bson', join(dir, 'adc.bson'), '--db', join(dir, 'file.db'), '--config', config], null);
    expect(fromFile.code, fromFile.out).toBe(0);
    for (const [name, bytes] of [
      ['plain', dump],
      ['gzip', gzipSync(dump)],
    ] as const) {
      const db = join(dir, `${name}.db`);
      const piped = await cli(['import', 'bson', '-', '--db', db, '--config', config, '--batch', '700'], bytes);
      expect(piped.code, piped.out).toBe(0);
      expect(piped.out).toContain('3,000 records from standard input');
      expect(view(db)).toEqual(view(join(dir, 'file.db')));
    }
  });

  it('keeps what came before a cut, reports the cut, and a second run of the whole dump adds only what was missing', async () => {
    assertBuilt();
    const { dir, config } = setup();
    const dump = dumpOf(2000);
    const db = join(dir, 'power.db');
    const cut = await cli(['import', 'bson', '-', '--db', db, '--config', config], dump.subarray(0, Math.floor(dump.length * 0.6) + 7));
    expect(cut.code, cut.out).toBe(0);
    expect(cut.out).toMatch(/skipped 1 malformed records/);
    const first = readingsIn(db).length;
    expect(first).toBeGreaterThan(1000);
    expect(first).toBeLessThan(2000);

    // The re-run: minutes already held keep their readings, the rest comes in.
    const again = await cli(['import', 'bson', '-', '--db', db, '--config', config], dump);
    expect(again.code, again.out).toBe(0);
    const t = readingsIn(db).map((r) => r.t);
    expect(new Set(t).size).toBe(t.length);
    expect(t.at(-1)).toBe((T0 + 1999 / 2) * 1000);
    expect(again.out).toMatch(/skipped [\d,]+ in minutes the database already held/);
  });

  it('refuses empty input with one line that says what it expected', async () => {
    assertBuilt();
    const { dir, config } = setup();
    const run = await cli(['import', 'bson', '-', '--db', join(dir, 'power.db'), '--config', config], Buffer.alloc(0));
    expect(run.code).not.toBe(0);
    expect(run.out.trim().split('\n')).toHaveLength(1);
    expect(run.out).toContain('standard input is empty');
  });
});
