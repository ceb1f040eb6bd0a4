// How much time a reading stands for. The interval between two readings comes
// from the monotonic clock when both were taken by this process, because the
// wall clock of a Pi without RTC jumps at NTP sync; across a restart only the
// wall clock is left. An interval longer than the gap limit is missing time: it
// is never bridged and never energy.

/** Where the timeline stood: the last reading's wall time, and its monotonic time when this process took it. */
export interface TimelinePoint {
  t: number;
  mono: number | null;
}

export type Span =
  | { kind: 'none' } // nothing came before: the very first reading
  | { kind: 'covered'; ms: number }
  | { kind: 'missing'; ms: number };

export function spanBetween(prev: TimelinePoint | null, cur: TimelinePoint, maxGapMs: number): Span {
  if (prev === null) return { kind: 'none' };
  const dt = prev.mono !== null && cur.mono !== null ? cur.mono - prev.mono : cur.t - prev.t;
  const ms = Math.round(dt);
  if (ms <= 0) return { kind: 'none' };
  return ms > maxGapMs ? { kind: 'missing', ms } : { kind: 'covered', ms };
}

/** Stored as one signed integer: > 0 covered, < 0 missing, 0 none. */
export const encodeSpan = (s: Span): number => (s.kind === 'none' ? 0 : s.kind === 'covered' ? s.ms : -s.ms);

export const decodeSpan = (v: number): Span =>
  v === 0 ? { kind: 'none' } : v > 0 ? { kind: 'covered', ms: v } : { kind: 'missing', ms: -v };

/** Energy in mJ (W x ms), rounded per reading so that every sum of it is exact. */
export const energyMj = (powerW: number, span: Span): number => (span.kind === 'covered' ? Math.round(powerW * span.ms) : 0);

export const MJ_PER_WH = 3_600_000;
