import { rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { SkipReason } from './legacy-record';

/** What reading the source found, kept with the staged rows so a resume continues the sums. */
export interface ReadCounts {
  records: number;
  staged: number;
  /** Valid records whose time and channel were already staged: the source holds them twice. */
  duplicates: number;
  skipped: Partial<Record<SkipReason, number>>;
  /** Epoch ms of the first and last valid record, null before any. */
  firstT: number | null;
  lastT: number | null;
}

export const emptyCounts = (): ReadCounts => ({ records: 0, staged: 0, duplicates: 0, skipped: {}, firstT: null, lastT: null });

export interface SkippedRecord {
  position: string;
  reason: SkipReason;
  detail: string;
}

/** Columns per staged row in a flat buffer: k, mean_d, min_o, max_o, rms_mc, flags. */
export const STAGE_WIDTH = 6;

/**
 * The records read so far, sorted by time in a scratch SQLite file beside the
 * database. Sources come in any order (a dump is in insertion order, not time
 * order); the merge needs time order, and a killed read resumes from the
 * position committed with its rows. The file is removed when the import ends,
 * so the database never keeps the scratch pages.
 */
export class ImportStage {
  private readonly insert: Database.Statement;
  private readonly skip: Database.Statement;
  private readonly saveMeta: Database.Statement;
  private readonly commitBatch: (rows: Float64Array, n: number, skipped: readonly SkippedRecord[], position: string, counts: ReadCounts) => number;
  position: string | null;
  readComplete: boolean;
  counts: ReadCounts;

  private constructor(
    private readonly db: Database.Database,
    readonly path: string,
  ) {
    const meta = db.prepare('SELECT position, read_complete, counts FROM meta WHERE id = 0').get() as {
      position: string | null;
      read_complete: number;
      counts: string;
    };
    this.position = meta.position;
    this.readComplete = meta.read_complete === 1;
    this.counts = JSON.parse(meta.counts) as ReadCounts;
    this.insert = db.prepare('INSERT OR IGNORE INTO stage (k, mean_d, min_o, max_o, rms_mc, flags) VALUES (?, ?, ?, ?, ?, ?)');
    this.skip = db.prepare('INSERT INTO skipped (position, reason, detail) VALUES (?, ?, ?)');
    this.saveMeta = db.prepare('UPDATE meta SET position = ?, counts = ?, read_complete = ? WHERE id = 0');
    this.commitBatch = db.transaction((rows: Float64Array, n: number, skipped: readonly SkippedRecord[], position: string, counts: ReadCounts) => {
      let added = 0;
      for (let i = 0; i < n; i++) {
        const at = i * STAGE_WIDTH;
        added += this.insert.run(rows[at], rows[at + 1], rows[at + 2], rows[at + 3], rows[at + 4], rows[at + 5]).changes;
      }
      for (const s of skipped) this.skip.run(s.position, s.reason, s.detail);
      counts.staged += added;
      counts.duplicates += n - added;
      this.saveMeta.run(position, JSON.stringify(counts), 0);
      return added;
    });
  }

  /** Opens the stage of `identity` at `path`, starting over if the file belongs to another source. */
  static open(path: string, identity: string): ImportStage {
    let db = new Database(path);
    const owner = db.prepare("SELECT name FROM sqlite_master WHERE name = 'meta'").get()
      ? (db.prepare('SELECT identity FROM meta WHERE id = 0').get() as { identity: string } | undefined)?.identity
      : undefined;
    if (owner !== identity) {
      db.close();
      removeStage(path);
      db = new Database(path);
    }
    // Scratch data: a kill must not tear a batch (WAL keeps commits atomic), but
    // nothing here needs to survive a power cut: the source is still there.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = OFF');
    db.exec(`
      CREATE TABLE IF NOT EXISTS stage (k INTEGER PRIMARY KEY, mean_d INTEGER, min_o INTEGER, max_o INTEGER, rms_mc INTEGER, flags INTEGER);
      CREATE TABLE IF NOT EXISTS skipped (id INTEGER PRIMARY KEY, position TEXT, reason TEXT, detail TEXT);
      CREATE TABLE IF NOT EXISTS meta (id INTEGER PRIMARY KEY CHECK (id = 0), identity TEXT, position TEXT, read_complete INTEGER, counts TEXT);
    `);
    db.prepare('INSERT OR IGNORE INTO meta (id, identity, position, read_complete, counts) VALUES (0, ?, NULL, 0, ?)').run(
      identity,
      JSON.stringify(emptyCounts()),
    );
    return new ImportStage(db, path);
  }

  /** Stages `n` rows and the skipped records of one source batch, with the point to resume after it; returns the new rows. */
  add(rows: Float64Array, n: number, skipped: readonly SkippedRecord[], position: string): number {
    const added = this.commitBatch(rows, n, skipped, position, this.counts);
    this.position = position;
    return added;
  }

  finishReading(): void {
    this.saveMeta.run(this.position, JSON.stringify(this.counts), 1);
    this.readComplete = true;
  }

  /** Staged rows in time order, after key `afterK`, a page at a time (the merge writes another file meanwhile). */
  *rowsFrom(afterK: number, page = 50_000): Generator<number[][]> {
    const stmt = this.db.prepare('SELECT k, mean_d, min_o, max_o, rms_mc, flags FROM stage WHERE k > ? ORDER BY k LIMIT ?').raw(true);
    let after = afterK;
    for (;;) {
      const rows = stmt.all(after, page) as number[][];
      if (rows.length === 0) return;
      after = rows[rows.length - 1]![0]!;
      yield rows;
    }
  }

  skippedRecords(): IterableIterator<SkippedRecord> {
    return this.db.prepare('SELECT position, reason, detail FROM skipped ORDER BY id').iterate() as IterableIterator<SkippedRecord>;
  }

  close(): void {
    this.db.close();
  }

  /** Closes and deletes the scratch file. */
  remove(): void {
    this.db.close();
    removeStage(this.path);
  }
}

export function removeStage(path: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
}
