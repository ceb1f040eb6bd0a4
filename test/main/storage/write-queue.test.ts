import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CALIBRATION } from '../../../src/main/acquisition/calibration';
import { openDatabase } from '../../../src/main/storage/database';
import { DEFAULT_WRITER, HistoryWriter } from '../../../src/main/storage/history-writer';
import { ReadingStore, type StoredReading } from '../../../src/main/storage/reading-store';
import { WriteQueue } from '../../../src/main/storage/write-queue';
import { useTempDir } from '../../helpers/temp-dir';
import { until } from '../../helpers/until';

const tmp = useTempDir();
const row = (t: number): StoredReading => ({ t, channel: 0, mean: 511, min: 500, max: 520, rms: 5, flags: 0 });

describe('WriteQueue', () => {
  it('writes nothing until a flush, then the whole batch in one call', () => {
    const batches: number[] = [];
    const q = new WriteQueue({ write: (rows) => void batches.push(rows.length), flushIntervalMs: 60_000 });
    for (let i = 0; i < 7; i++) q.enqueue(row(i));
    expect(batches).toEqual([]);
    q.flush();
    expect(batches).toEqual([7]);
  });

  it('flushes the last batch on close, into a real database', () => {
    const path = join(tmp(), 'power.db');
    const store = new ReadingStore(openDatabase(path));
    const writer = new HistoryWriter(store.db, DEFAULT_WRITER);
    const q = new WriteQueue({ write: (rows) => writer.insert(rows), flushIntervalMs: 60_000 });
    q.start();
    for (let i = 0; i < 10; i++) q.enqueue(row(i * 500));
    expect(store.count()).toBe(0);
    q.close();
    expect(store.count()).toBe(10);
    store.db.close();
  });

  it('keeps a batch the disk refused and writes it, in order, on the next flush', () => {
    const written: number[] = [];
    let fail = true;
    const errors: number[] = [];
    const q = new WriteQueue({
      write: (rows) => {
        if (fail) throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
        written.push(...rows.map((r) => r.t));
      },
      flushIntervalMs: 60_000,
      onError: (_e, pending) => errors.push(pending),
    });
    q.enqueue(row(1));
    q.enqueue(row(2));
    expect(q.flush()).toBe(false);
    q.enqueue(row(3));
    fail = false;
    expect(q.flush()).toBe(true);
    expect(written).toEqual([1, 2, 3]);
    expect(errors).toEqual([2]);
  });

  it('bounds what it keeps while the disk refuses, dropping the oldest', () => {
    const q = new WriteQueue({
      write: () => {
        throw new Error('no');
      },
      flushIntervalMs: 60_000,
      maxPending: 5,
      onError: () => undefined,
    });
    for (let i = 0; i < 8; i++) q.enqueue(row(i));
    q.flush();
    expect(q.pendingRows().map((r) => r.t)).toEqual([3, 4, 5, 6, 7]);
  });

  it('flushes by itself on its interval', async () => {
    const store = new ReadingStore(openDatabase(join(tmp(), 'power.db')));
    const writer = new HistoryWriter(store.db, DEFAULT_WRITER);
    const q = new WriteQueue({ write: (rows) => writer.insert(rows), flushIntervalMs: 30 });
    q.start();
    q.enqueue(row(1));
    await until(() => store.range(0, 10, DEFAULT_CALIBRATION).length > 0, 5000);
    expect(store.range(0, 10, DEFAULT_CALIBRATION)).toHaveLength(1);
    q.close();
    store.db.close();
  });
});

describe('WriteQueue.health()', () => {
  it('keeps the failure, since when and how many readings were dropped, until a write succeeds', () => {
    let fail = true;
    const changes: (string | null)[] = [];
    let now = 1000;
    const q = new WriteQueue({
      write: () => {
        if (fail) throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
      },
      flushIntervalMs: 60_000,
      maxPending: 5,
      now: () => now,
      onHealthChange: (h) => changes.push(h.failure ? (h.failure.error as Error).message : null),
    });
    expect(q.health()).toEqual({ pending: 0, maxPending: 5, failure: null });
    for (let i = 0; i < 3; i++) q.enqueue(row(i));
    q.flush();
    now = 3000;
    for (let i = 3; i < 9; i++) q.enqueue(row(i));
    q.flush();
    expect(q.health()).toMatchObject({ pending: 5, maxPending: 5, failure: { since: 1000, dropped: 4 } });
    fail = false;
    q.flush();
    expect(q.health()).toEqual({ pending: 0, maxPending: 5, failure: null });
    expect(changes).toEqual(['database or disk is full', 'database or disk is full', null]);
  });
});
