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
  (db) => {
    // v2, for years on an SD card (<= 28 bytes a reading) and for energy:
    // - a rowid table keyed k = t * 8 + channel: appends in time order fill every
    //   page (a WITHOUT ROWID b-tree left ~12 % of each page empty), and the key is
    //   the only index;
    // - small integers around mid-scale (mean - 511.5 in thousandths, min - 512,
    //   max - 512) so that most take one byte;
    // - span_ms: the monotonic time since the previous reading; > 0 is time this
    //   reading covers (its energy), < 0 is missing time (a gap never bridged),
    //   0 when nothing came before.
    // Rollups per minute, hour and local day are kept in the same transaction as
    // the readings; energy in mJ (W x ms) so that sums are exact integers.
    db.exec(`
      CREATE TABLE reading2 (
        k INTEGER PRIMARY KEY,
        mean_d INTEGER NOT NULL,
        min_o INTEGER NOT NULL,
        max_o INTEGER NOT NULL,
        rms_mc INTEGER NOT NULL,
        span_ms INTEGER NOT NULL,
        flags INTEGER NOT NULL
      );
      INSERT INTO reading2 (k, mean_d, min_o, max_o, rms_mc, span_ms, flags)
        SELECT t * 8 + channel, mean_mc - 511500, min - 512, max - 512, rms_mc,
          CASE WHEN prev IS NULL THEN 0 WHEN t - prev <= 10000 THEN t - prev ELSE prev - t END,
          flags
        FROM (SELECT *, lag(t) OVER (PARTITION BY channel ORDER BY t) AS prev FROM reading);
      DROP TABLE reading;
      ALTER TABLE reading2 RENAME TO reading;
    `);
    for (const level of ['minute', 'hour', 'day']) {
      db.exec(`
        CREATE TABLE rollup_${level} (
          b INTEGER PRIMARY KEY,
          n INTEGER NOT NULL,
          energy_mj INTEGER NOT NULL,
          covered_ms INTEGER NOT NULL,
          missing_ms INTEGER NOT NULL,
          min_w INTEGER,
          max_w INTEGER
        );
      `);
    }
    // The last reading written, so a restart continues the timeline (and its
    // rollups) where it stopped. Rows copied above have no rollups: the writer
    // replays them on first open (rollups_from marks where that must start).
    db.exec(`
      CREATE TABLE cursor (
        id INTEGER PRIMARY KEY CHECK (id = 0),
        last_t INTEGER,
        rollups_from INTEGER
      );
      INSERT INTO cursor (id, last_t, rollups_from)
        SELECT 0, max(k) >> 3, min(k) >> 3 FROM reading;
    `);
  },
  (db) => {
    // v3: imports of the old system's data. Each batch commits its rows, its
    // rollups, the records it skipped and where the source stands in one
    // transaction, so a killed import resumes exactly where it stopped; a
    // finished one stays as a record. Pending rows are records that came out of
    // time order, merged after the rest.
    db.exec(`
      CREATE TABLE import_run (
        identity TEXT PRIMARY KEY,
        started_at INTEGER NOT NULL,
        position TEXT,
        read_done INTEGER NOT NULL DEFAULT 0,
        merged_to INTEGER,
        prev_t INTEGER,
        counts TEXT,
        finished_at INTEGER
      );
      CREATE TABLE import_pending (
        identity TEXT NOT NULL,
        k INTEGER NOT NULL,
        mean_d INTEGER NOT NULL,
        min_o INTEGER NOT NULL,
        max_o INTEGER NOT NULL,
        rms_mc INTEGER NOT NULL,
        flags INTEGER NOT NULL,
        PRIMARY KEY (identity, k)
      ) WITHOUT ROWID;
      CREATE TABLE import_skipped (
        id INTEGER PRIMARY KEY,
        identity TEXT NOT NULL,
        position TEXT NOT NULL,
        reason TEXT NOT NULL,
        detail TEXT NOT NULL
      );
    `);
  },
  (db) => {
    // v4: rollups per 10 s, kept as long as raw readings, for charts of a few
    // hours. Not rebuilt for the readings already stored: until those age out,
    // a range before the first 10 s rollup is read from raw rows. And rollups per
    // 10 min for charts of weeks, built from the minutes (each is ten of them).
    // The same columns as v2's rollup tables, written out again on purpose: a
    // migration must not change when shared code does.
    db.exec(`
      CREATE TABLE rollup_10min (
        b INTEGER PRIMARY KEY,
        n INTEGER NOT NULL,
        energy_mj INTEGER NOT NULL,
        covered_ms INTEGER NOT NULL,
        missing_ms INTEGER NOT NULL,
        min_w INTEGER,
        max_w INTEGER
      );
      INSERT INTO rollup_10min (b, n, energy_mj, covered_ms, missing_ms, min_w, max_w)
        SELECT b / 10, sum(n), sum(energy_mj), sum(covered_ms), sum(missing_ms), min(min_w), max(max_w)
        FROM rollup_minute GROUP BY b / 10;
      CREATE TABLE rollup_10s (
        b INTEGER PRIMARY KEY,
        n INTEGER NOT NULL,
        energy_mj INTEGER NOT NULL,
        covered_ms INTEGER NOT NULL,
        missing_ms INTEGER NOT NULL,
        min_w INTEGER,
        max_w INTEGER
      );
    `);
  },
];

export const SCHEMA_VERSION = MIGRATIONS.length;

export function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SCHEMA_VERSION) {
    throw new Error(`database schema version ${current} is newer than this CorcyPower understands (${SCHEMA_VERSION}): update the app`);
  }
  for (let v = current; v < SCHEMA_VERSION; v++) {
    db.transaction(() => {
      MIGRATIONS[v]!(db);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}
