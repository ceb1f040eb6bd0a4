import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type Document, Double, Int32, Long } from 'bson';
import { describe, expect, it } from 'vitest';
import { bsonSource } from '../../../src/main/import/bson-source';
import { SourceError } from '../../../src/main/import/legacy-source';
import { T0, dump, write, reading, corrupt, collect, canonical } from '../../helpers/bson-dump';
import { useTempDir } from '../../helpers/temp-dir';
import { matching, someString } from '../../helpers/matchers';

const tmp = useTempDir();

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
    expect(plain.unreadable).toEqual([{ position: `byte ${d.offsets[5]}`, detail: someString() }]);
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
        expect(got.unreadable).toEqual([{ position: `byte ${d.offsets[2]}`, detail: matching(/truncated/) }]);
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
    expect(got.unreadable).toEqual([{ position: `byte ${d.offsets[got.docs.length]}`, detail: matching(/truncated/) }]);
  });

  it('reports a corrupt document as unreadable at its byte and reads on past it', async () => {
    const d = dump([reading(T0), corrupt(reading(T0 + 1)), reading(T0 + 2)]);
    const got = await collect(bsonSource(write(tmp(), 'adc.bson', d.buf)), null, 100);
    expect(got.docs.map((x) => x.time)).toEqual([T0, T0 + 2]);
    expect(got.positions).toEqual([`byte ${d.offsets[0]}`, `byte ${d.offsets[2]}`]);
    expect(got.unreadable).toEqual([{ position: `byte ${d.offsets[1]}`, detail: someString() }]);
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
      expect(rest.unreadable).toEqual([{ position: `byte ${d.offsets[2]}`, detail: matching(/truncated/) }]);
    });
  });
});
