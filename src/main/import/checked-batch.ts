import type { Config } from '../config/config-schema';
import { healthFlags } from '../acquisition/health';
import { STAGED, STAGED_WIDTH, encodeStatsInto, rowKey } from '../storage/reading-codec';
import type { ImportCounts, SkippedRecord } from './import-journal';
import type { SourceBatch } from './legacy-source';

/** How many skipped records the terminal shows. */
export const EXAMPLES = 10;

/** One source batch checked and converted: valid rows in source order, and the records skipped. */
export interface CheckedBatch {
  rows: Float64Array;
  /** Rows in `rows`. */
  count: number;
  skipped: SkippedRecord[];
}

export function checkBatch(batch: SourceBatch, config: Config, now: number, counts: ImportCounts): CheckedBatch {
  const health = { midScale: config.health.midScale, maxDrift: config.health.maxDriftCounts };
  const size = batch.docs.length;
  const rows = new Float64Array(size * STAGED_WIDTH);
  const skipped: SkippedRecord[] = batch.unreadable.map((u) => ({ ...u, reason: 'unreadable' }));
  let count = 0;
  for (let i = 0; i < size; i++) {
    const c = batch.check(i, now);
    if (!c.ok) {
      skipped.push({ position: batch.positionOf(i), reason: c.reason, detail: c.detail });
      continue;
    }
    const r = c.reading;
    const at = count++ * STAGED_WIDTH;
    // The stored row's own encoding: mean and rms to a thousandth of a count.
    rows[at + STAGED.key] = rowKey(r.t, r.channel);
    encodeStatsInto(rows, at + STAGED.meanD, r.mean, r.min, r.max, r.rms);
    rows[at + STAGED.flags] = healthFlags({ n: 0, mean: r.mean, min: r.min, max: r.max, rms: r.rms }, 0, health);
    counts.firstT = counts.firstT === null || r.t < counts.firstT ? r.t : counts.firstT;
    counts.lastT = counts.lastT === null || r.t > counts.lastT ? r.t : counts.lastT;
  }
  counts.records += size + batch.unreadable.length;
  counts.valid += count;
  for (const s of skipped) counts.skipped[s.reason] = (counts.skipped[s.reason] ?? 0) + 1;
  return { rows, count, skipped };
}

/** Rows [0, count) of `rows` sorted by key, one row per key (the repeats counted as duplicates). */
export function sortedUnique(rows: Float64Array, count: number, counts: ImportCounts): { rows: Float64Array; count: number } {
  let sorted = true;
  for (let i = 1; i < count && sorted; i++) sorted = rows[i * STAGED_WIDTH]! > rows[(i - 1) * STAGED_WIDTH]!;
  if (sorted) return { rows, count };
  const order = Array.from({ length: count }, (_, i) => i).sort((a, b) => rows[a * STAGED_WIDTH]! - rows[b * STAGED_WIDTH]!);
  const out = new Float64Array(count * STAGED_WIDTH);
  let m = 0;
  for (const i of order) {
    if (m > 0 && rows[i * STAGED_WIDTH] === out[(m - 1) * STAGED_WIDTH]) {
      counts.duplicates++;
      continue;
    }
    out.set(rows.subarray(i * STAGED_WIDTH, (i + 1) * STAGED_WIDTH), m++ * STAGED_WIDTH);
  }
  return { rows: out, count: m };
}
