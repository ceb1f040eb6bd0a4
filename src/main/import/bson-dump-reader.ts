import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { deserialize } from 'bson';
import { readLegacyFields } from './bson-fields';
import { checkRecord } from './legacy-record';
import { type SourceBatch, SourceError } from './legacy-source';

// BSON's own limit on a document; a length field beyond it means the stream is
// not a dump (or is corrupt there) and nothing after it can be framed.
const MAX_DOC = 16 * 1024 * 1024;
const MIN_DOC = 5;

export const isGzipMagic = (head: Uint8Array): boolean => head[0] === 0x1f && head[1] === 0x8b;

export interface DumpInput {
  /** The bytes as they come: a file, or standard input. */
  raw: Readable;
  gzip: boolean;
  /** For messages: the path, or "standard input". */
  label: string;
  /** Stream offset (uncompressed) to resume after; 0 from the start. */
  skipTo: number;
  batchSize: number;
  /** Progress in raw bytes read, for the bar. */
  rawBytesRead: () => number;
}

/** The documents and unreadable records of the batch being read, with their byte offsets. */
class BatchBuilder {
  private docs: Record<string, unknown>[] = [];
  private offsets: number[] = [];
  private bad: { position: string; detail: string }[] = [];

  get size(): number {
    return this.docs.length + this.bad.length;
  }

  add(doc: Record<string, unknown>, offset: number): void {
    this.docs.push(doc);
    this.offsets.push(offset);
  }

  unreadable(offset: number, detail: string): void {
    this.bad.push({ position: `byte ${offset}`, detail });
  }

  /** The batch so far, resuming after `resumeAt`; the builder starts afresh. */
  cut(resumeAt: string, done: number): SourceBatch {
    const docs = this.docs;
    const offsets = this.offsets;
    const batch: SourceBatch = {
      docs,
      check: (i, now) => checkRecord(docs[i]!, now),
      positionOf: (i) => `byte ${offsets[i]}`,
      unreadable: this.bad,
      resumeAt,
      done,
    };
    this.docs = [];
    this.offsets = [];
    this.bad = [];
    return batch;
  }
}

/**
 * mongodump's format: documents back to back, each prefixed by its length.
 * Streamed, so a dump of any size takes a few MB. Resume points are offsets
 * in the (uncompressed) stream.
 */
export async function* dumpBatches(input: DumpInput): AsyncGenerator<SourceBatch> {
  const { raw, gzip, label, skipTo, batchSize } = input;
  const stream = gzip ? raw.pipe(createGunzip()) : raw;
  let pending: Buffer = Buffer.alloc(0);
  let base = 0; // stream offset of pending[0]
  let cutGzip = false;
  const batch = new BatchBuilder();
  const cut = (): SourceBatch => batch.cut(String(base), gzip ? input.rawBytesRead() : base);
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      let at = 0;
      while (pending.length - at >= 4) {
        const len = pending.readInt32LE(at);
        if (len < MIN_DOC || len > MAX_DOC) {
          throw new SourceError(`${label}: byte ${base + at}: a document length of ${len} bytes: not a BSON dump, or corrupt from there on`);
        }
        if (pending.length - at < len) break;
        const offset = base + at;
        if (offset >= skipTo) {
          try {
            batch.add(readLegacyFields(pending, at, at + len) ?? deserialize(pending.subarray(at, at + len)), offset);
          } catch (e) {
            batch.unreadable(offset, (e as Error).message);
          }
        }
        at += len;
        if (batch.size >= batchSize) {
          pending = pending.subarray(at);
          base += at;
          at = 0;
          yield cut();
        }
      }
      pending = pending.subarray(at);
      base += at;
    }
  } catch (e) {
    if (e instanceof SourceError) throw e;
    // A `mongodump --gzip` killed midway ends without its gzip trailer: keep what came before.
    if (!(gzip && (e as NodeJS.ErrnoException).code === 'Z_BUF_ERROR')) throw new SourceError(`${label}: ${(e as Error).message}`);
    cutGzip = true;
  } finally {
    raw.destroy();
  }
  if ((pending.length > 0 || cutGzip) && base >= skipTo) {
    // A dump cut short (mongodump killed, disk full): the last document is incomplete.
    batch.unreadable(base, `truncated: ${pending.length} bytes at the end of the ${cutGzip ? 'decompressed ' : ''}stream`);
    base += pending.length;
  }
  if (batch.size > 0 || base > skipTo) yield cut();
}
