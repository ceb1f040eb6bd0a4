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
  rawBytesRead(): number;
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
  let docs: Record<string, unknown>[] = [];
  let offsets: number[] = [];
  let unreadable: { position: string; detail: string }[] = [];
  const cut = (): SourceBatch => {
    const batchOffsets = offsets;
    const batchDocs = docs;
    const batch: SourceBatch = {
      docs,
      check: (i, now) => checkRecord(batchDocs[i]!, now),
      positionOf: (i) => `byte ${batchOffsets[i]}`,
      unreadable,
      resumeAt: String(base),
      done: gzip ? input.rawBytesRead() : base,
    };
    docs = [];
    offsets = [];
    unreadable = [];
    return batch;
  };
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
            docs.push(readLegacyFields(pending, at, at + len) ?? deserialize(pending.subarray(at, at + len)));
            offsets.push(offset);
          } catch (e) {
            unreadable.push({ position: `byte ${offset}`, detail: (e as Error).message });
          }
        }
        at += len;
        if (docs.length + unreadable.length >= batchSize) {
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
    unreadable.push({ position: `byte ${base}`, detail: `truncated: ${pending.length} bytes at the end of the ${cutGzip ? 'decompressed ' : ''}stream` });
    base += pending.length;
  }
  if (docs.length + unreadable.length > 0 || base > skipTo) yield cut();
}
