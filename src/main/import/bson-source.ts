import { randomUUID } from 'node:crypto';
import { closeSync, createReadStream, openSync, readSync, realpathSync, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import { dumpBatches, isGzipMagic } from './bson-dump-reader';
import { type LegacySource, SourceError } from './legacy-source';

/** By its magic bytes, not its name: `adc.bson` renamed from a `.gz` still reads. */
function isGzipFile(path: string): boolean {
  const fd = openSync(path, 'r');
  const head = Buffer.alloc(2);
  try {
    readSync(fd, head, 0, 2, 0);
  } finally {
    closeSync(fd);
  }
  return isGzipMagic(head);
}

/** A mongodump file (`power/adc.bson`, or `.bson.gz`). A re-run resumes at the byte it stopped at. */
export function bsonSource(path: string): LegacySource {
  let size: number;
  let gzip: boolean;
  try {
    size = statSync(path).size;
    gzip = isGzipFile(path);
  } catch (e) {
    throw new SourceError(`cannot read ${path}: ${(e as Error).message}`);
  }
  return {
    label: path,
    identity: `bson:${realpathSync(path)}:${size}`,
    total: () => Promise.resolve({ unit: 'bytes', value: size }),
    batches(resumeAt, batchSize) {
      const raw = createReadStream(path, { highWaterMark: 1 << 20 });
      return dumpBatches({ raw, gzip, label: path, skipTo: resumeAt === null ? 0 : Number(resumeAt), batchSize, rawBytesRead: () => raw.bytesRead });
    },
    async close() {},
  };
}

/**
 * A dump piped in (`mongodump --dbpath ... --out - | corcy-power import bson -`),
 * gzip or not, told by its first bytes. A pipe cannot be re-read from a byte
 * offset, so each run is its own import: after an interruption the same command
 * is run again, and the minutes already held are skipped by the merge's overlap rule.
 */
export function bsonStdinSource(input: Readable = process.stdin): LegacySource {
  let bytes = 0;
  return {
    label: 'standard input',
    identity: `bson:stdin:${randomUUID()}`,
    total: () => Promise.resolve({ unit: 'bytes', value: null }),
    async *batches(_resumeAt, batchSize) {
      const chunks = input[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
      const first = await chunks.next();
      if (first.done) throw new SourceError('standard input is empty: expected a BSON dump (mongodump --out - | corcy-power import bson -)');
      const counted = async function* (): AsyncGenerator<Buffer> {
        bytes += first.value.length;
        yield first.value;
        for (let c = await chunks.next(); !c.done; c = await chunks.next()) {
          bytes += c.value.length;
          yield c.value;
        }
      };
      const raw = Readable.from(counted(), { objectMode: false });
      yield* dumpBatches({ raw, gzip: isGzipMagic(first.value), label: 'standard input', skipTo: 0, batchSize, rawBytesRead: () => bytes });
    },
    async close() {},
  };
}
