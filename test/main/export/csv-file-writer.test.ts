import { existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExportError, writeCsvFile } from '../../../src/main/export/csv-file-writer';
import { useTempDir } from '../../helpers/temp-dir';

const tempDir = useTempDir();

function* many(n: number, onLine?: (i: number) => void): Generator<string> {
  for (let i = 0; i < n; i++) {
    onLine?.(i);
    yield `${i},${'x'.repeat(60)}\r\n`;
  }
}

describe('writeCsvFile()', () => {
  it('writes through a .partial file and renames it when complete', async () => {
    const dir = tempDir();
    const file = join(dir, 'out.csv');
    const bytes = await writeCsvFile(many(5000), file, false);
    expect(readdirSync(dir)).toEqual(['out.csv']);
    expect(bytes).toBe(readFileSync(file).length);
    expect(readFileSync(file, 'utf8').split('\r\n')).toHaveLength(5001);
  });

  it('never writes through a symlink planted at the .partial name, dangling or not', async () => {
    const dir = tempDir();
    const outside = join(tempDir(), 'elsewhere.txt');
    const file = join(dir, 'out.csv');
    symlinkSync(outside, `${file}.partial`);
    const err = await writeCsvFile(many(10), file, false).catch((e: unknown) => e);
    expect((err as ExportError).message).toMatch(/out\.csv\.partial exists/);
    expect(existsSync(outside)).toBe(false);
    expect(existsSync(file)).toBe(false);
    // Left as found: it is not this export's file to remove.
    expect(lstatSync(`${file}.partial`).isSymbolicLink()).toBe(true);
  });

  it('keeps an existing file unless asked to replace it', async () => {
    const dir = tempDir();
    const file = join(dir, 'out.csv');
    writeFileSync(file, 'keep me');
    const err = await writeCsvFile(many(10), file, false).catch((e: unknown) => e);
    expect((err as ExportError).message).toMatch(/out\.csv exists: .*--force/);
    expect(readFileSync(file, 'utf8')).toBe('keep me');
    expect(readdirSync(dir)).toEqual(['out.csv']);
    await writeCsvFile(many(10), file, false, { overwrite: true });
    expect(readFileSync(file, 'utf8').split('\r\n')).toHaveLength(11);
  });

  it('lets one of two writers of the same file win; the other fails and the file is all the winner', async () => {
    const dir = tempDir();
    const file = join(dir, 'out.csv');
    const fr = (function* () {
      for (let i = 0; i < 20_000; i++) yield `${i};fr;${'x'.repeat(60)}\r\n`;
    })();
    const en = (function* () {
      for (let i = 0; i < 20_000; i++) yield `${i},en,${'y'.repeat(60)}\r\n`;
    })();
    const results = await Promise.allSettled([writeCsvFile(fr, file, false), writeCsvFile(en, file, false)]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const text = readFileSync(file, 'utf8');
    const winner = results[0].status === 'fulfilled' ? ';fr;' : ',en,';
    expect(
      text
        .split('\r\n')
        .filter(Boolean)
        .every((l) => l.includes(winner)),
    ).toBe(true);
    expect(readdirSync(dir)).toEqual(['out.csv']);
  });

  it('reports a stick pulled out mid-write and never leaves a complete-looking file', async () => {
    const root = tempDir();
    const stick = join(root, 'STICK');
    mkdirSync(stick);
    const file = join(stick, 'out.csv');
    const pulled = many(5000, (i) => {
      if (i === 2500) rmSync(stick, { recursive: true });
    });
    const err = await writeCsvFile(pulled, file, true).catch((e: unknown) => e);
    expect((err as ExportError).reason).toBe('media_removed');
    expect(existsSync(file)).toBe(false);
  });
});
