// How much time a reading stands for. The interval between two readings comes
// from the monotonic clock when both were taken by this process, because the
// wall clock of a Pi without RTC jumps at NTP sync; across a restart only the
// wall clock is left. An interval longer than the gap limit is missing time: it
// is never bridged and never energy.
//
// A span is one signed integer of ms, as stored: > 0 time the reading covers
// (its energy), < 0 missing time before it, 0 nothing before it. It is computed
// for millions of rows in a backfill, hence numbers rather than objects.

export type SpanMs = number;

/**
 * @param prevT the previous reading's wall time, NaN when there is none
 * @param prevMono its monotonic time, NaN when another process took it
 * @param mono this reading's monotonic time, NaN when unknown
 */
export function spanBetween(prevT: number, prevMono: number, t: number, mono: number, maxGapMs: number): SpanMs {
  if (Number.isNaN(prevT)) return 0;
  const dt = Number.isNaN(prevMono) || Number.isNaN(mono) ? t - prevT : mono - prevMono;
  const ms = Math.round(dt);
  if (!(ms > 0)) return 0;
  return ms > maxGapMs ? -ms : ms;
}

// Energy in mJ (W x ms), rounded per reading so that every sum of it is exact:
// floor-energy.ts, the one rule from windows to energy.

export const MJ_PER_WH = 3_600_000;
