// Missing time of a period: every part of it with no readings. The writer stores
// the gaps between readings (spans longer than storage.maxGapS); what lies before
// the first reading the database holds, and after the last one up to now, was
// never a gap between two readings, so it is added here. The future is not missing.

export interface RecordedSpan {
  /** The first reading ever stored, epoch ms; null: none. */
  firstT: number | null;
  /** The last reading written. */
  lastT: number | null;
}

const overlap = (a0: number, a1: number, b0: number, b1: number): number => Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));

/** Missing ms of [start, end) given the gaps stored in it; pure. */
export function missingMsOf(start: number, end: number, storedGapsMs: number, recorded: RecordedSpan, now: number): number {
  const elapsedEnd = Math.min(end, now);
  if (elapsedEnd <= start) return 0;
  const elapsed = elapsedEnd - start;
  if (recorded.firstT === null || recorded.lastT === null) return elapsed;
  const before = overlap(start, elapsedEnd, -Infinity, recorded.firstT);
  const after = overlap(start, elapsedEnd, recorded.lastT, Infinity);
  return Math.min(elapsed, Math.max(0, storedGapsMs) + before + after);
}
