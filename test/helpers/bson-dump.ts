import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Document, EJSON, ObjectId, serialize } from 'bson';
import { ConfigSchema } from '../../src/main/config/config-schema';
import type { LegacySource, SourceBatch } from '../../src/main/import/legacy-source';
import { legacyDoc } from './legacy-docs';

// Dumps as mongodump writes them, for the tests of reading and importing them.

/** 2020-09-13T12:26:40Z: the old system's era. */
export const T0 = 1_600_000_000;
/** When the tests' imports start: every valid record is before it. */
export const NOW = Date.UTC(2021, 0, 1);
/** Keep raw rows of any age (the default 90 days would put 2020 in the rollups only). */
export const config = () => ConfigSchema.parse({ storage: { retentionDays: 36_600 } });

export interface Dump {
  buf: Buffer;
  /** Byte offset of each document in the (uncompressed) stream. */
  offsets: number[];
}

/** Documents back to back, as mongodump writes them. */
export function dump(docs: readonly (Document | Buffer)[]): Dump {
  const parts = docs.map((d) => (Buffer.isBuffer(d) ? d : Buffer.from(serialize(d))));
  const offsets: number[] = [];
  let at = 0;
  for (const p of parts) {
    offsets.push(at);
    at += p.length;
  }
  return { buf: Buffer.concat(parts), offsets };
}

export function write(dir: string, name: string, buf: Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, buf);
  return path;
}

/** A document as mongodump wrote it: with its ObjectId. */
export const reading = (time: number, over: Document = {}): Document => ({ _id: new ObjectId(), ...legacyDoc(time, over) });

/** A document whose length frames it but whose content is not BSON: its terminator is not 0. */
export function corrupt(doc: Document): Buffer {
  const b = Buffer.from(serialize(doc));
  b[b.length - 1] = 1;
  return b;
}

export interface Collected {
  batches: SourceBatch[];
  docs: Record<string, unknown>[];
  positions: string[];
  unreadable: { position: string; detail: string }[];
}

export async function collect(source: LegacySource, resumeAt: string | null, size: number): Promise<Collected> {
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
export const canonical = (docs: readonly Record<string, unknown>[]): string[] => docs.map((d) => EJSON.stringify(d, { relaxed: false }));
