import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { describeStorageFailure } from '../../../src/main/storage/storage-failure';
import { useTempDir } from '../../helpers/temp-dir';
import { containing } from '../../helpers/matchers';

const tmp = useTempDir();

/** The error SQLite itself raises for `sql` on `db`. */
function sqliteError(db: Database.Database, sql: string): unknown {
  try {
    db.exec(sql);
  } catch (e) {
    return e;
  }
  throw new Error(`expected ${sql} to fail`);
}

describe('describeStorageFailure()', () => {
  it('tells a full disk, a read-only file and a damaged one apart from SQLite own errors, naming the file', () => {
    const dir = tmp();
    const path = join(dir, 'power.db');
    const db = new Database(path);
    db.exec('CREATE TABLE t (x BLOB)');
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
    const full = describeStorageFailure(sqliteError(db, 'INSERT INTO t VALUES (zeroblob(100000))'), path, () => 12_400_000);
    expect(full).toEqual({ cause: 'disk_full', message: `disk full: ${path} cannot grow (12 MB free in ${dir})`, fix: `free space in ${dir}, or lower storage.retentionDays` });
    db.pragma('query_only = ON');
    expect(describeStorageFailure(sqliteError(db, 'INSERT INTO t VALUES (1)'), path)).toMatchObject({ cause: 'read_only', message: containing(path) });
    db.close();
    const garbage = join(dir, 'garbage.db');
    writeFileSync(garbage, Buffer.alloc(8192, 0x5a));
    const bad = new Database(garbage);
    expect(describeStorageFailure(sqliteError(bad, 'SELECT * FROM sqlite_master'), garbage)).toMatchObject({ cause: 'corrupt', fix: containing('.recover') });
    bad.close();
  });
});
