import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from './migrations';

/** Opens (creating if needed) the one SQLite file and brings its schema up to date. */
export function openDatabase(path: string, options: { readonly?: boolean } = {}): Database.Database {
  if (path !== ':memory:' && !options.readonly) mkdirSync(dirname(path), { recursive: true });
  let db: Database.Database;
  try {
    db = new Database(path, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  } catch (err) {
    // SQLite's own message names no file: say which one, or the fix cannot be found.
    throw Object.assign(new Error(`database ${path}: ${(err as Error).message}`), { code: (err as NodeJS.ErrnoException).code });
  }
  db.pragma('busy_timeout = 5000');
  // A reader takes the file as it is: setting WAL would be a write, refused on a
  // read-only connection to a file in rollback mode (a backup copy, an old file).
  if (options.readonly) return db;
  // WAL lets the UI read while acquisition writes; NORMAL sync is durable to the
  // last checkpoint and never corrupts on power loss, at a fraction of FULL's cost
  // on an SD card.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  migrate(db);
  return db;
}
