import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
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

  it('reports a full disk and leaves no file behind', async () => {
    const dir = tempDir();
    const file = join(dir, 'out.csv');
    // The kernel's own ENOSPC: /dev/full refuses every write as a full disk does.
    symlinkSync('/dev/full', `${file}.partial`);
    const err = await writeCsvFile(many(5000), file, true).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ExportError);
    expect((err as ExportError).reason).toBe('disk_full');
    expect(readdirSync(dir)).toEqual([]);
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
