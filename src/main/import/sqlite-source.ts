import { realpathSync } from 'node:fs';
import Database from 'better-sqlite3';
import { checkValues } from './legacy-record';
import { type LegacySource, type SourceBatch, SourceError } from './legacy-source';

// In checkValues' order.
const COLUMNS = ['time', 'channel', 'mean', 'rms', 'minadc', 'maxadc'];

interface OpenedAdc {
  db: Database.Database;
  /** Rows after a rowid, in rowid order, as arrays (not objects: a year is tens of millions of rows). */
  page: Database.Statement<[number, number], unknown[]>;
  bounds: { lo: number | null; hi: number | null };
}

/** Opens the file read-only and checks it is the old system's: table `adc` with its columns, read by rowid. */
function openAdc(path: string): OpenedAdc {
  let db: Database.Database;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    db.pragma('query_only = ON');
  } catch (e) {
    throw new SourceError(`cannot open ${path} as SQLite: ${(e as Error).message}`);
  }
  const fail = (message: string): never => {
    db.close();
    throw new SourceError(message);
  };
  let columns: string[] = [];
  try {
    columns = (db.prepare("SELECT name FROM pragma_table_info('adc')").all() as { name: string }[]).map((c) => c.name);
  } catch (e) {
    fail(`${path} is not a readable SQLite database: ${(e as Error).message}`);
  }
  if (columns.length === 0) fail(`${path} has no table "adc": not the old system's power.db`);
  const missing = COLUMNS.filter((c) => !columns.includes(c));
  if (missing.length > 0) fail(`${path}: table "adc" lacks column(s) ${missing.join(', ')}`);
  let page: Database.Statement<[number, number], unknown[]>;
  try {
    page = db.prepare<[number, number], unknown[]>(`SELECT rowid, ${COLUMNS.join(', ')} FROM adc WHERE rowid > ? ORDER BY rowid LIMIT ?`).raw(true);
  } catch (e) {
    return fail(`${path}: table "adc" has no rowid to read it in order (${(e as Error).message})`);
  }
  const bounds = db.prepare('SELECT min(rowid) AS lo, max(rowid) AS hi FROM adc').get() as { lo: number | null; hi: number | null };
  return { db, page, bounds };
}

/**
 * The old `power.db` (table `adc`), read-only, in rowid order: the order the old
 * daemon inserted in, and a resume point that stays valid while the file grows.
 */
export function sqliteSource(path: string): LegacySource {
  const { db, page, bounds } = openAdc(path);
  const first = bounds.lo ?? 1;

  return {
    label: path,
    identity: `sqlite:${realpathSync(path)}`,
    total: () => Promise.resolve({ unit: 'records', value: bounds.hi === null ? 0 : bounds.hi - first + 1 }),
    *batches(resumeAt, size): Iterable<SourceBatch> {
      let after = resumeAt === null ? -Infinity : Number(resumeAt);
      for (;;) {
        const rows = page.all(after === -Infinity ? Number.MIN_SAFE_INTEGER : after, size);
        if (rows.length === 0) return;
        after = rows[rows.length - 1]![0] as number;
        yield {
          docs: rows,
          check: (i, now) => {
            const r = rows[i]!;
            return checkValues(r[1], r[2], r[3], r[4], r[5], r[6], now);
          },
          positionOf: (i) => `rowid ${String(rows[i]![0])}`,
          unreadable: [],
          resumeAt: String(after),
          done: after - first + 1,
        };
      }
    },
    close() {
      db.close();
      return Promise.resolve();
    },
  };
}
