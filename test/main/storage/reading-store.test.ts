import { statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CALIBRATION } from '../../../src/main/acquisition/calibration';
import { openDatabase } from '../../../src/main/storage/database';
import { SCHEMA_VERSION } from '../../../src/main/storage/migrations';
import { DEFAULT_WRITER, HistoryWriter } from '../../../src/main/storage/history-writer';
import { ReadingStore, type StoredReading } from '../../../src/main/storage/reading-store';
import { useTempDir } from '../../helpers/temp-dir';

const tmp = useTempDir();
const row = (t: number, over: Partial<StoredReading> = {}): StoredReading => ({
  t,
  channel: 0,
  mean: 511.437,
  min: 380,
  max: 641,
  rms: 87.1234567,
  flags: 0,
  ...over,
});

describe('openDatabase()', () => {
  it('creates the folder and the file, in WAL mode, at the current schema version', () => {
    const path = join(tmp(), 'deep', 'er', 'power.db');
    const db = openDatabase(path);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    db.close();
    expect(statSync(path).isFile()).toBe(true);
  });

  it('opens an existing database again without migrating twice', () => {
    const path = join(tmp(), 'power.db');
    const a = openDatabase(path);
    new HistoryWriter(a, DEFAULT_WRITER).insert([row(1000)]);
    a.close();
    const b = openDatabase(path);
    expect(new ReadingStore(b).count()).toBe(1);
    b.close();
  });

  it('refuses a database from a newer version of the app rather than damaging it', () => {
    const path = join(tmp(), 'power.db');
    const raw = new Database(path);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 5}`);
    raw.close();
    expect(() => openDatabase(path)).toThrow(/newer than this CorcyPower understands/);
  });

  it('keeps no index beyond the primary key', () => {
    const db = openDatabase(join(tmp(), 'power.db'));
    const indexes = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'reading'").all();
    expect(indexes).toEqual([]);
    db.close();
  });
});

describe('ReadingStore', () => {
  it('round-trips readings through a real file: statistics to a thousandth of a count, current and power recomputed', () => {
    const path = join(tmp(), 'power.db');
    const db = openDatabase(path);
    const store = new ReadingStore(db);
    const writer = new HistoryWriter(store.db, DEFAULT_WRITER);
    expect(writer.insert([row(1_790_000_000_000), row(1_790_000_000_500, { flags: 5, channel: 2 })])).toBe(2);
    db.close();
    const again = new ReadingStore(openDatabase(path));
    const back = again.range(0, Number.MAX_SAFE_INTEGER, DEFAULT_CALIBRATION);
    expect(back).toHaveLength(2);
    expect(back[0]).toMatchObject({ t: 1_790_000_000_000, channel: 0, mean: 511.437, min: 380, max: 641, rms: 87.123, flags: 0 });
    expect(back[0]!.currentA).toBeCloseTo(87.123 * 0.27, 9);
    expect(back[0]!.powerW).toBeCloseTo(87.123 * 0.27 * 237, 6);
    expect(back[1]).toMatchObject({ channel: 2, flags: 5 });
    again.db.close();
  });

  it('keeps the first reading when two share a timestamp (a wall clock that went back)', () => {
    const store = new ReadingStore(openDatabase(join(tmp(), 'power.db')));
    const writer = new HistoryWriter(store.db, DEFAULT_WRITER);
    expect(writer.insert([row(5000, { rms: 1 })])).toBe(1);
    expect(writer.insert([row(5000, { rms: 2 }), row(5500)])).toBe(1);
    expect(store.range(0, 10_000, DEFAULT_CALIBRATION).map((r) => r.rms)).toEqual([1, 87.123]);
    store.db.close();
  });

  it('returns a time range in order, bounds included', () => {
    const store = new ReadingStore(openDatabase(join(tmp(), 'power.db')));
    const writer = new HistoryWriter(store.db, DEFAULT_WRITER);
    writer.insert([row(1000), row(2000), row(3000), row(4000)]);
    expect(store.range(2000, 3000, DEFAULT_CALIBRATION).map((r) => r.t)).toEqual([2000, 3000]);
    store.db.close();
  });

  it('refuses readings older than the last one written: the timeline only moves forward, so rollups never count one twice', () => {
    const store = new ReadingStore(openDatabase(join(tmp(), 'power.db')));
    const writer = new HistoryWriter(store.db, DEFAULT_WRITER);
    expect(writer.insert([row(3000), row(1000), row(2000), row(4000)])).toBe(2);
    expect(store.range(0, 10_000, DEFAULT_CALIBRATION).map((r) => r.t)).toEqual([3000, 4000]);
    store.db.close();
  });
});
