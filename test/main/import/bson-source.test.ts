import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type Document, Double, EJSON, Int32, Long, ObjectId, serialize } from 'bson';
import { describe, expect, it } from 'vitest';
import { ConfigSchema } from '../../../src/main/config/config-schema';
import { bsonSource } from '../../../src/main/import/bson-source';
import type { SkipReason } from '../../../src/main/import/legacy-record';
import { type LegacySource, type SourceBatch, SourceError } from '../../../src/main/import/legacy-source';
import { runImport } from '../../../src/main/import/run-import';
import { openDatabase } from '../../../src/main/storage/database';
import { expectReadingsOf, legacyDoc, malformedDocs, readingsIn } from '../../helpers/legacy-docs';
import { useTempDir } from '../../helpers/temp-dir';

const tmp = useTempDir();

/** 2020-09-13T12:26:40Z: the old system's era. */
const T0 = 1_600_000_000;
/** When the tests' imports start: every valid record is before it. */
const NOW = Date.UTC(2021, 0, 1);
/** Keep raw rows of any age (the default 90 days would put 2020 in the rollups only). */
const config = () => ConfigSchema.parse({ storage: { retentionDays: 36_600 } });

interface Dump {
  buf: Buffer;
  /** Byte offset of each document in the (uncompressed) stream. */
  offsets: number[];
}

/** Documents back to back, as mongodump writes them. */
function dump(docs: readonly (Document | Buffer)[]): Dump {
  const parts = docs.map((d) => (Buffer.isBuffer(d) ? d : Buffer.from(serialize(d))));
  const offsets: number[] = [];
  let at = 0;
  for (const p of parts) {
    offsets.push(at);
    at += p.length;
  }
  return { buf: Buffer.concat(parts), offsets };
}

function write(dir: string, name: string, buf: Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, buf);
  return path;
}

/** A document as mongodump wrote it: with its ObjectId. */
const reading = (time: number, over: Document = {}): Document => ({ _id: new ObjectId(), ...legacyDoc(time, over) });

/** A document whose length frames it but whose content is not BSON: its terminator is not 0. */
function corrupt(doc: Document): Buffer {
  const b = Buffer.from(serialize(doc));
  b[b.length - 1] = 1;
  return b;
}

interface Collected {
  batches: SourceBatch[];
  docs: Record<string, unknown>[];
  positions: string[];
  unreadable: { position: string; detail: string }[];
}

async function collect(source: LegacySource, resumeAt: string | null, size: number): Promise<Collected> {
  const out: Collected = { batches: [], docs: [], positions: [], unreadable: [] };
  for await (const b of source.batches(resumeAt, size)) {
    out.batches.push(b);
    b.docs.forEach((d, i) => {
      out.docs.push(d as Record<string, unknown>);
      out.positions.push(b.positionOf(i));
    });
    out.unreadable.push(...b.unreadable);
  }
  return out;
}

/** Documents as comparable text: every value with its BSON type. */
const canonical = (docs: readonly Record<string, unknown>[]): string[] => docs.map((d) => EJSON.stringify(d, { relaxed: false }));

describe('bsonSource(): reading a dump', () => {
  const docs: Document[] = [
    reading(T0 + 0.25),
    // int32 where the old system wrote whole numbers through another driver.
    reading(T0 + 0.75, { channel: new Int32(1), minadc: new Int32(500), maxadc: new Int32(530), mean: new Double(512.25) }),
    // int64.
    reading(T0 + 2, { channel: Long.fromNumber(2), minadc: Long.fromNumber(400), maxadc: Long.fromNumber(620), time: Long.fromNumber(T0 + 2) }),
    reading(T0 + 1.25, { host: 'pi', note: { a: 1 }, tags: ['x', 'y'] }),
    reading(T0 + 3, { rms: undefined }),
  ];
  delete docs[4]!.rms;

  it('gives back the six fields of every document in order, as numbers, with its byte position', async () => {
    const d = dump(docs);
    const source = bsonSource(write(tmp(), 'adc.bson', d.buf));
    expect(await source.total()).toEqual({ unit: 'bytes', value: d.buf.length });
    const got = await collect(source, null, 100);
    expect(got.unreadable).toEqual([]);
    expect(got.positions).toEqual(d.offsets.map((o) => `byte ${o}`));
    expect(got.docs).toHaveLength(5);
    expect(got.docs[0]).toMatchObject({ channel: 0, mean: 511.4567, rms: 87.1234, minadc: 380, maxadc: 641, time: T0 + 0.25 });
    // Only what the import reads is decoded: not the _id, not extra fields.
    expect(got.docs[0]).not.toHaveProperty('_id');
    expect(got.docs[1]).toMatchObject({ channel: 1, minadc: 500, maxadc: 530, mean: 512.25 });
    expect(got.docs[2]).toMatchObject({ channel: 2, minadc: 400, maxadc: 620, time: T0 + 2 });
    expect(got.docs[3]).toEqual({ channel: 0, mean: 511.4567, rms: 87.1234, minadc: 380, maxadc: 641, time: T0 + 1.25 });
    expect(got.docs[4]).not.toHaveProperty('rms');
    const last = got.batches[got.batches.length - 1]!;
    expect(last.done).toBe(d.buf.length);
    expect(last.resumeAt).toBe(String(d.buf.length));
    await source.close();
  });

  it('cuts batches of the size asked, each with the progress made', async () => {
    const many = Array.from({ length: 11 }, (_, i) => reading(T0 + i));
    const d = dump(many);
    const source = bsonSource(write(tmp(), 'adc.bson', d.buf));
    const got = await collect(source, null, 4);
    expect(got.batches.map((b) => b.docs.length)).toEqual([4, 4, 3]);
    expect(got.batches.map((b) => b.resumeAt)).toEqual([String(d.offsets[4]), String(d.offsets[8]), String(d.buf.length)]);
    expect(got.batches.map((b) => b.done)).toEqual([d.offsets[4], d.offsets[8], d.buf.length]);
  });

  it('reads a .bson.gz to the same documents and positions, and knows one by its bytes, not its name', async () => {
    const d = dump([...docs, corrupt(reading(T0 + 9)), reading(T0 + 10)]);
    const dir = tmp();
    const plain = await collect(bsonSource(write(dir, 'adc.bson', d.buf)), null, 3);
    const gz = bsonSource(write(dir, 'adc.bson.gz', gzipSync(d.buf)));
    const zipped = await collect(gz, null, 3);
    const renamed = await collect(bsonSource(write(dir, 'renamed.bson', gzipSync(d.buf))), null, 3);
    expect(plain.docs).toHaveLength(6);
    expect(plain.unreadable).toEqual([{ position: `byte ${d.offsets[5]}`, detail: expect.any(String) }]);
    for (const other of [zipped, renamed]) {
      expect(canonical(other.docs)).toEqual(canonical(plain.docs));
      expect(other.positions).toEqual(plain.positions);
      expect(other.unreadable).toEqual(plain.unreadable);
      expect(other.batches.map((b) => b.resumeAt)).toEqual(plain.batches.map((b) => b.resumeAt));
    }
    // Progress counts the file's (compressed) bytes, as total() does.
    const size = gzipSync(d.buf).length;
    expect(await gz.total()).toEqual({ unit: 'bytes', value: size });
    expect(zipped.batches[zipped.batches.length - 1]!.done).toBe(size);
  });

  it('reports a document cut short at the end as one unreadable record at its byte, and gives the rest', async () => {
    const d = dump([reading(T0), reading(T0 + 1), reading(T0 + 2)]);
    const lastLen = d.buf.length - d.offsets[2]!;
    for (const keep of [Math.floor(lastLen / 2), 2]) {
      const cut = d.buf.subarray(0, d.offsets[2]! + keep);
      for (const name of ['adc.bson', 'adc.bson.gz']) {
        const source = bsonSource(write(tmp(), name, name.endsWith('.gz') ? gzipSync(cut) : cut));
        const got = await collect(source, null, 100);
        expect(got.docs.map((x) => x.time)).toEqual([T0, T0 + 1]);
        expect(got.unreadable).toEqual([{ position: `byte ${d.offsets[2]}`, detail: expect.stringMatching(/truncated/) }]);
        expect(got.unreadable[0]!.detail).toContain(String(keep));
      }
    }
  });

  it('reads a .bson.gz cut short (mongodump --gzip killed) like a plain dump cut short: the documents before the cut, then one unreadable record', async () => {
    const many = Array.from({ length: 2000 }, (_, i) => reading(T0 + i, { pad: 'x'.repeat(i % 50) }));
    const d = dump(many);
    const gz = gzipSync(d.buf);
    const source = bsonSource(write(tmp(), 'adc.bson.gz', gz.subarray(0, Math.floor(gz.length * 0.7))));
    const got = await collect(source, null, 100);
    expect(got.docs.length).toBeGreaterThan(0);
    expect(got.docs.length).toBeLessThan(many.length);
    expect(got.docs.map((x) => x.time)).toEqual(many.slice(0, got.docs.length).map((m) => (m.time as Double).value));
    expect(got.positions).toEqual(d.offsets.slice(0, got.docs.length).map((o) => `byte ${o}`));
    expect(got.unreadable).toEqual([{ position: `byte ${d.offsets[got.docs.length]}`, detail: expect.stringMatching(/truncated/) }]);
  });

  it('reports a corrupt document as unreadable at its byte and reads on past it', async () => {
    const d = dump([reading(T0), corrupt(reading(T0 + 1)), reading(T0 + 2)]);
    const got = await collect(bsonSource(write(tmp(), 'adc.bson', d.buf)), null, 100);
    expect(got.docs.map((x) => x.time)).toEqual([T0, T0 + 2]);
    expect(got.positions).toEqual([`byte ${d.offsets[0]}`, `byte ${d.offsets[2]}`]);
    expect(got.unreadable).toEqual([{ position: `byte ${d.offsets[1]}`, detail: expect.any(String) }]);
  });

  it('refuses a file that is not a dump with one clear line', async () => {
    const path = write(tmp(), 'notes.bson', Buffer.from('this is not a BSON dump, only text\n'));
    const err = await collect(bsonSource(path), null, 100).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceError);
    expect((err as Error).message).toMatch(/byte 0: a document length of \d+ bytes: not a BSON dump, or corrupt from there on/);
    expect((err as Error).message).toContain(path);
    expect((err as Error).message).not.toContain('\n');
  });

  it('refuses a negative or tiny length, and says at which byte the framing broke', async () => {
    const neg = Buffer.alloc(16);
    neg.writeInt32LE(-7, 0);
    await expect(collect(bsonSource(write(tmp(), 'neg.bson', neg)), null, 10)).rejects.toThrow(/byte 0: a document length of -7 bytes/);
    const d = dump([reading(T0), reading(T0 + 1)]);
    const garbage = Buffer.concat([d.buf, Buffer.from([3, 0, 0, 0, 0, 0, 0, 0])]);
    const err = await collect(bsonSource(write(tmp(), 'tail.bson', garbage)), null, 10).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceError);
    expect((err as Error).message).toMatch(new RegExp(`byte ${d.buf.length}: a document length of 3 bytes`));
  });

  it('refuses a file it cannot read at all', () => {
    expect(() => bsonSource(join(tmp(), 'nowhere.bson'))).toThrow(SourceError);
    expect(() => bsonSource(join(tmp(), 'nowhere.bson'))).toThrow(/cannot read .*nowhere\.bson/);
  });

  it('gives nothing for an empty file', async () => {
    const got = await collect(bsonSource(write(tmp(), 'empty.bson', Buffer.alloc(0))), null, 10);
    expect(got.docs).toEqual([]);
    expect(got.unreadable).toEqual([]);
  });

  describe.each([
    ['plain', false],
    ['gzip', true],
  ])('resuming a %s dump', (_kind, gz) => {
    it.each([
      [23, 5],
      [20, 5],
      [7, 1],
    ])('from the point after any batch yields exactly the documents after it (%i documents, batches of %i)', async (count, size) => {
      const many = Array.from({ length: count }, (_, i) => reading(T0 + i * 0.5, i % 3 === 0 ? { extra: 'x'.repeat(i * 37) } : {}));
      const d = dump(many);
      const source = bsonSource(write(tmp(), gz ? 'adc.bson.gz' : 'adc.bson', gz ? gzipSync(d.buf) : d.buf));
      const all = await collect(source, null, size);
      expect(all.docs.map((x) => x.time)).toEqual(many.map((m) => (m.time as Double).value));
      let seen = 0;
      for (const batch of all.batches) {
        seen += batch.docs.length;
        const rest = await collect(source, batch.resumeAt, size);
        expect(rest.docs.map((x) => x.time)).toEqual(all.docs.slice(seen).map((x) => x.time));
        expect(rest.positions).toEqual(all.positions.slice(seen));
        expect(rest.unreadable).toEqual([]);
      }
      expect(seen).toBe(count);
    });

    it('after the last good document of a truncated dump, yields only the unreadable tail', async () => {
      const d = dump([reading(T0), reading(T0 + 1), reading(T0 + 2)]);
      const cut = d.buf.subarray(0, d.buf.length - 10);
      const source = bsonSource(write(tmp(), gz ? 'adc.bson.gz' : 'adc.bson', gz ? gzipSync(cut) : cut));
      const rest = await collect(source, String(d.offsets[2]), 10);
      expect(rest.docs).toEqual([]);
      expect(rest.unreadable).toEqual([{ position: `byte ${d.offsets[2]}`, detail: expect.stringMatching(/truncated/) }]);
    });
  });
});

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
    expect(readdirSync(dir).filter((f) => !f.startsWith('power.db')).sort()).toEqual([name, basename(first.reportPath!)].sort());

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
