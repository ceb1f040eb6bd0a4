import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Document, Double, Int32, Long, ObjectId } from 'bson';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigSchema } from '../../../src/main/config/config-schema';
import type { SkipReason } from '../../../src/main/import/legacy-record';
import { type LegacySource, SourceError } from '../../../src/main/import/legacy-source';
import { mongodbSource } from '../../../src/main/import/mongodb-source';
import { redactedUrl } from '../../../src/main/import/mongodb-url';
import { runImport } from '../../../src/main/import/run-import';
import { expectReadingsOf, legacyDoc, malformedDocs, readingsIn } from '../../helpers/legacy-docs';
import { useTempDir } from '../../helpers/temp-dir';

const tmp = useTempDir();

/** Set it to a server the test may create and drop a database on, e.g. mongodb://127.0.0.1:27017/ */
const MONGODB_URL = process.env.CORCY_TEST_MONGODB_URL;

const T0 = 1_600_000_000;
const NOW = Date.UTC(2021, 0, 1);
const config = () => ConfigSchema.parse({ storage: { retentionDays: 36_600 } });

const reading = legacyDoc;

describe('redactedUrl()', () => {
  it.each([
    ['mongodb://user:secret@host.example:27017/power?authSource=admin', 'mongodb://host.example:27017/power?authSource=admin'],
    ['mongodb://user@host.example/', 'mongodb://host.example/'],
    ['mongodb+srv://user:s%40cret@cluster0.example.net/?retryWrites=true', 'mongodb+srv://cluster0.example.net/?retryWrites=true'],
    ['mongodb://127.0.0.1:27017/', 'mongodb://127.0.0.1:27017/'],
    ['mongodb://u:p@[::1]:27017/', 'mongodb://[::1]:27017/'],
  ])('%s is shown as %s', (url, shown) => {
    expect(redactedUrl(url)).toBe(shown);
  });

  it('keeps every host of a replica set URL and drops the credentials', () => {
    const shown = redactedUrl('mongodb://user:secret@pi1:27017,pi2:27017/?replicaSet=rs0');
    expect(shown).toBe('mongodb://pi1:27017,pi2:27017/?replicaSet=rs0');
  });

  it('never gives back a URL it cannot parse, which might hold a password', () => {
    expect(redactedUrl('not a url user:secret')).not.toContain('secret');
  });
});

describe('mongodbSource() without a server', () => {
  it('makes the import fail fast with one clear line when nothing listens, without the password', async () => {
    const dir = tmp();
    const source = mongodbSource('mongodb://user:secret@127.0.0.1:1/', { db: 'power', collection: 'adc', timeoutMs: 500 });
    expect(source.label).toBe('mongodb://127.0.0.1:1/ power.adc');
    expect(source.identity).not.toContain('secret');
    const started = performance.now();
    try {
      const err = await runImport({ source, dbPath: join(dir, 'power.db'), config: config(), dryRun: false, now: NOW }).catch((e: unknown) => e);
      expect(performance.now() - started).toBeLessThan(3000);
      expect(err).toBeInstanceOf(SourceError);
      expect((err as Error).message).toMatch(/^cannot reach MongoDB at mongodb:\/\/127\.0\.0\.1:1\//);
      expect((err as Error).message).not.toContain('secret');
    } finally {
      await source.close();
    }
  });
});

describe.skipIf(!MONGODB_URL)('mongodbSource() against a live MongoDB (CORCY_TEST_MONGODB_URL)', () => {
  const url = MONGODB_URL ?? '';
  const dbName = `corcy_import_test_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  let client: MongoClient;
  const opened: LegacySource[] = [];
  const source = (): LegacySource => {
    const s = mongodbSource(url, { db: dbName, collection: 'adc', timeoutMs: 5000 });
    opened.push(s);
    return s;
  };

  const valid: Document[] = [
    reading(T0 + 0.25),
    reading(T0 + 0.25, { channel: new Double(3), mean: new Double(300.5), rms: new Double(1.25), minadc: new Double(290), maxadc: new Double(310) }),
    reading(T0 + 0.75, { channel: new Int32(0), minadc: new Int32(500), maxadc: new Int32(530), mean: new Double(512.25), rms: new Double(10.5) }),
    reading(T0 + 5, { channel: Long.fromNumber(0), minadc: Long.fromNumber(400), maxadc: Long.fromNumber(620), time: Long.fromNumber(T0 + 5), rms: new Double(60.0625) }),
    reading(T0 + 1.25, { host: 'pi', note: { a: 1 }, tags: ['x'] }),
    ...Array.from({ length: 12 }, (_, i) =>
      reading(T0 + 6 + i * 0.5, { mean: new Double(511 + i / 7), rms: new Double(40 + i * 1.234567), minadc: new Double(400 - i), maxadc: new Double(620 + i) }),
    ),
  ];
  const malformed: [SkipReason, Document][] = malformedDocs(T0, NOW);
  /** _id of each malformed document, as the report shows it. */
  const malformedIds: string[] = [];
  const allIds: ObjectId[] = [];

  beforeAll(async () => {
    client = new MongoClient(url, { serverSelectionTimeoutMS: 5000 });
    await client.connect();
    const adc = client.db(dbName).collection('adc');
    // Interleaved, one at a time so the ObjectIds (and the cursor's _id order) follow insertion.
    const n = Math.max(valid.length, malformed.length);
    for (let i = 0; i < n; i++) {
      if (i < valid.length) {
        const _id = new ObjectId();
        await adc.insertOne({ _id, ...valid[i]! });
        allIds.push(_id);
      }
      if (i < malformed.length) {
        const _id = new ObjectId();
        await adc.insertOne({ _id, ...malformed[i]![1] });
        malformedIds.push(_id.toHexString());
        allIds.push(_id);
      }
    }
  });

  afterAll(async () => {
    for (const s of opened) await s.close();
    if (client) {
      await client.db(dbName).dropDatabase();
      await client.close();
    }
  });

  it('reads the collection in _id order, and resumes after any batch with exactly the documents after it', async () => {
    const s = source();
    expect(await s.total()).toEqual({ unit: 'records', value: allIds.length });
    const batches: { ids: string[]; resumeAt: string }[] = [];
    for await (const b of s.batches(null, 4)) batches.push({ ids: b.docs.map((d) => String((d as Document)._id)), resumeAt: b.resumeAt });
    const all = batches.flatMap((b) => b.ids);
    expect(all).toEqual(allIds.map((id) => id.toHexString()));
    let seen = 0;
    for (const b of batches) {
      seen += b.ids.length;
      const rest: string[] = [];
      for await (const r of s.batches(b.resumeAt, 4)) rest.push(...r.docs.map((d) => String((d as Document)._id)));
      expect(rest).toEqual(all.slice(seen));
    }
  });

  it('imports the valid documents, reports each malformed one by its _id, and adds nothing the second time', async () => {
    const dir = tmp();
    const dbPath = join(dir, 'power.db');
    const first = await runImport({ source: source(), dbPath, config: config(), dryRun: false, now: NOW, batchSize: 4 });
    expectReadingsOf(dbPath, valid);
    expect(first.counts).toMatchObject({ records: valid.length + malformed.length, valid: valid.length, raw: valid.length, rollupOnly: 0, minuteHeld: 0 });
    expect(first.counts.skipped).toEqual(Object.fromEntries(malformed.map(([reason]) => [reason, 1])));
    expect(first.source).not.toMatch(/:[^/@]*@/);

    const lines = readFileSync(first.reportPath!, 'utf8').trimEnd().split('\n').slice(2);
    const rows = lines.map((l) => {
      const m = /^_id ([0-9a-f]{24}),([a-z0-9-]+),/.exec(l);
      expect(m, l).not.toBeNull();
      return [m![1]!, m![2]!];
    });
    expect(rows.sort()).toEqual(malformed.map(([reason], i) => [malformedIds[i]!, reason]).sort());

    const second = await runImport({ source: source(), dbPath, config: config(), dryRun: false, now: NOW, batchSize: 4 });
    expect(second.counts.raw).toBe(0);
    expect(second.counts.minuteHeld).toBe(valid.length);
    expectReadingsOf(dbPath, valid);
  });

  it('says so when the collection is empty or missing, and imports nothing', async () => {
    const s = mongodbSource(url, { db: dbName, collection: 'nothing_here', timeoutMs: 5000 });
    opened.push(s);
    const dbPath = join(tmp(), 'power.db');
    const summary = await runImport({ source: s, dbPath, config: config(), dryRun: false, now: NOW });
    expect(summary.counts.records).toBe(0);
    expect(readingsIn(dbPath)).toEqual([]);
  });
});
