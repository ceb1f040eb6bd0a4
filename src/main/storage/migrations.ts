import type Database from 'better-sqlite3';

// Each entry moves the schema from version i to i + 1, kept in PRAGMA user_version.
// Never edit a released entry: add a new one.
export const MIGRATIONS: readonly ((db: Database.Database) => void)[] = [
  (db) => {
    // Compact rows: integer epoch ms, mean and rms in thousandths of a count (a
    // 1000-sample mean is exact at that step), no rowid and no second index.
    db.exec(`
      CREATE TABLE reading (
        t INTEGER NOT NULL,
        channel INTEGER NOT NULL,
        mean_mc INTEGER NOT NULL,
        min INTEGER NOT NULL,
        max INTEGER NOT NULL,
        rms_mc INTEGER NOT NULL,
        flags INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (t, channel)
      ) WITHOUT ROWID;
    `);
  },
];

export const SCHEMA_VERSION = MIGRATIONS.length;

export function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SCHEMA_VERSION) {
    throw new Error(
      `database schema version ${current} is newer than this CorcyPower understands (${SCHEMA_VERSION}): update the app`,
    );
  }
  for (let v = current; v < SCHEMA_VERSION; v++) {
    db.transaction(() => {
      MIGRATIONS[v]!(db);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}
