import { type Document, Double, Int32, Long } from 'bson';
import { expect } from 'vitest';
import { DEFAULT_CALIBRATION } from '../../src/main/acquisition/calibration';
import { openDatabase } from '../../src/main/storage/database';
import { ReadingStore } from '../../src/main/storage/reading-store';
import type { SkipReason } from '../../src/main/import/legacy-record';

/** A document as the old system wrote it to MongoDB: doubles throughout (pymongo floats). */
export const legacyDoc = (time: number, over: Document = {}): Document => ({
  channel: new Double(0),
  mean: new Double(511.4567),
  rms: new Double(87.1234),
  minadc: new Double(380),
  maxadc: new Double(641),
  time: new Double(time),
  ...over,
});

const numberOf = (v: unknown): number => (v instanceof Double || v instanceof Int32 ? v.value : v instanceof Long ? v.toNumber() : (v as number));

export function readingsIn(dbPath: string) {
  const db = openDatabase(dbPath, { readonly: true });
  try {
    return new ReadingStore(db).range(0, Number.MAX_SAFE_INTEGER, DEFAULT_CALIBRATION);
  } finally {
    db.close();
  }
}

/** The database holds exactly these documents as readings: same time, channel, min, max; mean and rms to a thousandth. */
export function expectReadingsOf(dbPath: string, docs: readonly Document[]): void {
  const want = docs
    .map((doc) => ({
      t: Math.round(numberOf(doc.time) * 1000),
      channel: numberOf(doc.channel),
      mean: numberOf(doc.mean),
      rms: numberOf(doc.rms),
      min: numberOf(doc.minadc),
      max: numberOf(doc.maxadc),
    }))
    .sort((a, b) => a.t - b.t || a.channel - b.channel);
  const got = readingsIn(dbPath);
  expect(got.map((r) => [r.t, r.channel, r.min, r.max])).toEqual(want.map((r) => [r.t, r.channel, r.min, r.max]));
  got.forEach((r, i) => {
    expect(Math.abs(r.mean - want[i]!.mean)).toBeLessThanOrEqual(0.0005 + 1e-9);
    expect(Math.abs(r.rms - want[i]!.rms)).toBeLessThanOrEqual(0.0005 + 1e-9);
    expect(r.mean).toBe(Math.round(r.mean * 1000) / 1000);
  });
}

/** One document per reason a record is refused (but 'unreadable', which only a dump's bytes can be), around `t0` seconds. */
export function malformedDocs(t0: number, nowMs: number, make: (time: number, over?: Document) => Document = legacyDoc): [SkipReason, Document][] {
  const missingRms = make(t0 + 20);
  delete missingRms.rms;
  return [
    ['missing-field', missingRms],
    ['non-numeric', make(t0 + 21, { mean: '12' })],
    ['not-finite', make(t0 + 22, { mean: new Double(NaN) })],
    ['time-before-2000', make(946_684_799.5)],
    ['time-in-future', make(nowMs / 1000 + 3600)],
    ['bad-channel', make(t0 + 23, { channel: new Double(8) })],
    ['inconsistent-counts', make(t0 + 24, { minadc: new Double(600) })],
    ['count-out-of-range', make(t0 + 25, { maxadc: new Double(1024) })],
    ['fractional-count', make(t0 + 26, { minadc: new Double(380.5) })],
  ];
}
