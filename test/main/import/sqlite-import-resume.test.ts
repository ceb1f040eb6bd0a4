import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/storage/database';
import { ROLLUP_LEVELS } from '../../../src/main/storage/rollup-levels';
import { writeLegacyDb } from '../../helpers/legacy-db';
import { CLI, assertBuilt } from '../../helpers/serve';
import { useTempDir } from '../../helpers/temp-dir';
import { sourceRows } from '../../helpers/legacy-import';

const tempDir = useTempDir();

describe('import sqlite: the old power.db', () => {
  describe('killed and run again', () => {
    const exited = (c: ChildProcess): Promise<unknown> => new Promise((r) => c.once('exit', r));

    it('resumes where it stopped: the result equals one uninterrupted import, row for row', async () => {
      assertBuilt();
      const dir = tempDir();
      writeLegacyDb(join(dir, 'power.db'), sourceRows());
      const config = join(dir, 'config.json');
      writeFileSync(config, JSON.stringify({ storage: { retentionDays: 36_600 } }));
      const args = (db: string): string[] => [CLI, 'import', 'sqlite', join(dir, 'power.db'), '--db', db, '--config', config, '--batch', '2000'];
      const clean = spawnSync(process.execPath, args(join(dir, 'clean.db')), { encoding: 'utf8' });
      expect(clean.status, clean.stderr).toBe(0);

      const killed = join(dir, 'killed.db');
      for (let kill = 0; kill < 3; kill++) {
        const child = spawn(process.execPath, args(killed), { stdio: 'ignore' });
        const done = exited(child);
        // Wait for some progress past the previous kill, then pull the plug.
        const target = (kill + 1) * 40_000;
        for (let i = 0; i < 400 && child.exitCode === null; i++) {
          await sleep(10);
          const valid = progressOf(killed);
          if (valid !== null && valid >= target) break;
        }
        child.kill('SIGKILL');
        await done;
      }
      const resumed = spawnSync(process.execPath, args(killed), { encoding: 'utf8' });
      expect(resumed.status, resumed.stderr).toBe(0);
      expect(resumed.stdout).toContain('(resumed)');
      const a = openDatabase(join(dir, 'clean.db'));
      const b = openDatabase(killed);
      try {
        expect(b.pragma('integrity_check', { simple: true })).toBe('ok');
        const all = (db: Database.Database): unknown[] => db.prepare('SELECT * FROM reading ORDER BY k').raw(true).all();
        expect(all(b).length).toBe(all(a).length);
        expect(all(b)).toEqual(all(a));
        for (const l of ROLLUP_LEVELS) {
          expect(b.prepare(`SELECT * FROM rollup_${l} ORDER BY b`).all(), l).toEqual(a.prepare(`SELECT * FROM rollup_${l} ORDER BY b`).all());
        }
      } finally {
        a.close();
        b.close();
      }
    }, 120_000);
  });
});

/** Valid records the import has committed so far (null before its first batch). */
function progressOf(path: string): number | null {
  let db: Database.Database | null = null;
  try {
    db = openDatabase(path, { readonly: true });
    const row = db.prepare('SELECT counts FROM import_run').get() as { counts: string | null } | undefined;
    return row?.counts ? (JSON.parse(row.counts) as { valid: number }).valid : null;
  } catch {
    return null;
  } finally {
    db?.close();
  }
}
