import { readFileSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type Document, Double, Int32, Long } from 'bson';
import { describe, expect, it } from 'vitest';
import { bsonSource } from '../../../src/main/import/bson-source';
import type { SkipReason } from '../../../src/main/import/legacy-record';
import { SourceError } from '../../../src/main/import/legacy-source';
import { runImport } from '../../../src/main/import/run-import';
import { openDatabase } from '../../../src/main/storage/database';
import { expectReadingsOf, malformedDocs, readingsIn } from '../../helpers/legacy-docs';
import { T0, NOW, config, type Dump, dump, write, reading, corrupt } from '../../helpers/bson-dump';
import { useTempDir } from '../../helpers/temp-dir';

const tmp = useTempDir();

describe('runImport() of a dump', () => {
  // Valid documents of every numeric type, two channels at one instant, one a little out of
  // time order (its successor is in the same batch of 4 documents below).
  const valid: Document[] = [
    reading(T0 + 0.25),
    reading(T0 + 0.25, { channel: new Double(3), mean: new Double(300.5), rms: new Double(1.0005), minadc: new Double(290), maxadc: new Double(310) }),
    reading(T0 + 2, { channel: new Int32(0), minadc: new Int32(500), maxadc: new Int32(530), mean: new Double(512.25), rms: new Double(10.5) }),
    reading(T0 + 1.25, { host: 'pi', note: { a: 1 }, tags: ['x'] }),
    reading(T0 + 5, { channel: Long.fromNumber(0), minadc: Long.fromNumber(400), maxadc: Long.fromNumber(620), time: Long.fromNumber(T0 + 5), rms: new Double(60.0625) }),
    ...Array.from({ length: 12 }, (_, i) =>
      reading(T0 + 6 + i * 0.5, { mean: new Double(511 + i / 7), rms: new Double(40 + i * 1.234567), minadc: new Double(400 - i), maxadc: new Double(620 + i) }),
    ),
  ];
  const malformed: [SkipReason, Document | Buffer][] = [...malformedDocs(T0, NOW, reading), ['unreadable', corrupt(reading(T0 + 27))]];
  const skippedByReason = Object.fromEntries(malformed.map(([reason]) => [reason, 1]));

  /** Valid and malformed interleaved (two of each per batch of 4): where each one lands in the file. */
  function mixedDump(): { d: Dump; validAt: number[]; malformedAt: number[] } {
    const all: (Document | Buffer)[] = [];
    const validAt: number[] = [];
    const malformedAt: number[] = [];
    for (let i = 0; i < Math.max(valid.length, malformed.length); i += 2) {
      for (const v of valid.slice(i, i + 2)) {
        validAt.push(all.length);
        all.push(v);
      }
      for (const [, m] of malformed.slice(i, i + 2)) {
        malformedAt.push(all.length);
        all.push(m);
      }
    }
    return { d: dump(all), validAt, malformedAt };
  }

  /** The report's lines: position, reason (the detail after them). */
  function reportRows(path: string): [string, string][] {
    const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
    expect(lines[0]).toMatch(/^# records skipped importing /);
    expect(lines[1]).toBe('position,reason,detail');
    return lines.slice(2).map((l) => {
      const m = /^(byte \d+),([a-z0-9-]+),/.exec(l);
      expect(m, l).not.toBeNull();
      return [m![1]!, m![2]!];
    });
  }

  it.each([
    ['adc.bson', false, 4],
    ['adc.bson.gz', true, 4],
    ['adc.bson', false, 20_000],
  ])('imports the valid documents of %s (gzip: %s, batches of %s), reports each malformed one at its byte, and adds nothing the second time', async (name, gz, batchSize) => {
    const dir = tmp();
    const { d, validAt, malformedAt } = mixedDump();
    const path = write(dir, name, gz ? gzipSync(d.buf) : d.buf);
    const dbPath = join(dir, 'power.db');
    const plan = { source: bsonSource(path), dbPath, config: config(), dryRun: false, now: NOW, batchSize };

    const first = await runImport(plan);
    expectReadingsOf(dbPath, valid);
    expect(first.counts).toMatchObject({
      records: valid.length + malformed.length,
      valid: valid.length,
      duplicates: 0,
      outOfOrder: 0,
      raw: valid.length,
      rollupOnly: 0,
      minuteHeld: 0,
      whileRecording: 0,
      firstT: (T0 + 0.25) * 1000,
      lastT: (T0 + 11.5) * 1000,
    });
    expect(first.counts.skipped).toEqual(skippedByReason);
    expect(first.resumed).toBe(false);
    expect(first.dryRun).toBe(false);
    expect(first.source).toBe(path);

    expect(first.reportPath).not.toBeNull();
    expect(dirname(first.reportPath!)).toBe(dir);
    const rows = reportRows(first.reportPath!);
    expect(rows.sort()).toEqual(malformed.map(([reason], i) => [`byte ${d.offsets[malformedAt[i]!]}`, reason]).sort());
    const reported = new Set(rows.map(([p]) => p));
    for (const i of validAt) expect(reported.has(`byte ${d.offsets[i]}`)).toBe(false);
    expect(first.examples.map((e) => e.reason).sort()).toEqual(malformed.map(([r]) => r).sort());
    // Nothing left beside the database but the report.
    expect(
      readdirSync(dir)
        .filter((f) => !f.startsWith('power.db'))
        .sort(),
    ).toEqual([name, basename(first.reportPath!)].sort());

    const second = await runImport({ ...plan, source: bsonSource(path) });
    expect(second.counts.raw).toBe(0);
    expect(second.counts.rollupOnly).toBe(0);
    expect(second.counts.minuteHeld).toBe(valid.length);
    expect(second.counts.skipped).toEqual(first.counts.skipped);
    expect(second.resumed).toBe(false);
    expectReadingsOf(dbPath, valid);
  });

  /** Everything an import leaves in the database: raw rows with their spans, and every rollup. */
  function storedState(dbPath: string) {
    const db = openDatabase(dbPath, { readonly: true });
    try {
      const all = (sql: string) => db.prepare(sql).raw(true).all();
      return {
        reading: all('SELECT * FROM reading ORDER BY k'),
        minute: all('SELECT * FROM rollup_minute ORDER BY b'),
        hour: all('SELECT * FROM rollup_hour ORDER BY b'),
        day: all('SELECT * FROM rollup_day ORDER BY b'),
      };
    } finally {
      db.close();
    }
  }

  it.each([
    // One reading a second from +0 s to +9 s, then the one at +3.5 s: in the minute merged last.
    ['in the minute merged last', Array.from({ length: 10 }, (_, i) => T0 + i), T0 + 3.5],
    // One reading every 5 s over two minutes (T0 is 12:26:40), then one at +22.5 s (12:27:02.5): in a minute merged before.
    ['in a minute merged before', Array.from({ length: 20 }, (_, i) => T0 + 5 * i), T0 + 22.5],
  ])('stores the same readings and rollups whatever the batch size, with a record out of time order %s', async (_where, times, lateTime) => {
    // The old clock stepped back once: the late record comes after later ones, in another batch when batches are small.
    const d = dump([...times.map((t) => reading(t)), reading(lateTime, { rms: new Double(5.5) })]);
    const states: ReturnType<typeof storedState>[] = [];
    for (const batchSize of [20_000, 5]) {
      const dir = tmp();
      const dbPath = join(dir, 'power.db');
      const summary = await runImport({ source: bsonSource(write(dir, 'adc.bson', d.buf)), dbPath, config: config(), dryRun: false, now: NOW, batchSize });
      expect(summary.counts.records).toBe(times.length + 1);
      expect(summary.counts.valid).toBe(times.length + 1);
      // Every valid record imported, or counted where it went.
      expect(summary.counts.raw + summary.counts.minuteHeld).toBe(times.length + 1);
      states.push(storedState(dbPath));
    }
    expect(states[1]).toEqual(states[0]);
  });

  it('imports the complete documents of a truncated dump and counts the cut one as unreadable', async () => {
    const dir = tmp();
    const docs = valid.slice(0, 6);
    const d = dump(docs);
    const path = write(dir, 'adc.bson', d.buf.subarray(0, d.buf.length - 7));
    const dbPath = join(dir, 'power.db');
    const summary = await runImport({ source: bsonSource(path), dbPath, config: config(), dryRun: false, now: NOW });
    expect(summary.counts.records).toBe(6);
    expect(summary.counts.valid).toBe(5);
    expect(summary.counts.skipped).toEqual({ unreadable: 1 });
    expectReadingsOf(dbPath, docs.slice(0, 5));
    expect(reportRows(summary.reportPath!)).toEqual([[`byte ${d.offsets[5]}`, 'unreadable']]);
  });

  it('writes the report where it is asked to', async () => {
    const dir = tmp();
    const { d } = mixedDump();
    const reportPath = join(tmp(), 'skipped.csv');
    const summary = await runImport({ source: bsonSource(write(dir, 'adc.bson', d.buf)), dbPath: join(dir, 'power.db'), config: config(), dryRun: false, now: NOW, reportPath });
    expect(summary.reportPath).toBe(reportPath);
    expect(reportRows(reportPath)).toHaveLength(malformed.length);
  });

  it('rejects with the SourceError of a file that is not a dump, and writes no reading', async () => {
    const dir = tmp();
    const path = write(dir, 'adc.bson', Buffer.from('{"time": 1600000000, "channel": 0}\n'));
    const dbPath = join(dir, 'power.db');
    await expect(runImport({ source: bsonSource(path), dbPath, config: config(), dryRun: false, now: NOW })).rejects.toThrow(SourceError);
    expect(readingsIn(dbPath)).toEqual([]);
  });

  it('dry run: counts what it would import and writes nothing', async () => {
    const dir = tmp();
    const { d } = mixedDump();
    const path = write(dir, 'adc.bson', d.buf);
    const dbPath = join(dir, 'power.db');
    const summary = await runImport({ source: bsonSource(path), dbPath, config: config(), dryRun: true, now: NOW });
    expect(summary.dryRun).toBe(true);
    expect(summary.reportPath).toBeNull();
    expect(summary.counts).toMatchObject({ records: valid.length + malformed.length, valid: valid.length, raw: 0 });
    expect(summary.counts.skipped).toEqual(skippedByReason);
    expect(summary.wouldSkip).toBe(0);
    expect(readdirSync(dir)).toEqual(['adc.bson']);

    // After the import, a dry run forecasts that every valid record falls in a minute already held.
    await runImport({ source: bsonSource(path), dbPath, config: config(), dryRun: false, now: NOW });
    const again = await runImport({ source: bsonSource(path), dbPath, config: config(), dryRun: true, now: NOW });
    expect(again.wouldSkip).toBe(valid.length);
  });
});
