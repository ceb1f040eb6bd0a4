import type { Reading } from '../../shared/contract';
import type { EnergySlice } from './energy-slice';

/** Readings further apart than this are a gap: missing time, never energy. */
export const DEFAULT_GAP_MS = 10_000;

export interface ReadingSlice extends EnergySlice {
  reading: Reading;
}

/**
 * Each reading's power held since the previous reading: the energy of the time
 * it covers. The first reading, and the first after a gap, cover nothing: a
 * straight line across a gap would be invented energy.
 */
export function* readingSlices(readings: Iterable<Reading>, gapMs = DEFAULT_GAP_MS): Generator<ReadingSlice> {
  let prev: number | null = null;
  for (const r of readings) {
    const covered = prev !== null && r.t > prev && r.t - prev <= gapMs;
    const start = covered ? prev! : r.t;
    yield { start, end: r.t, wh: covered ? (r.powerW * (r.t - start)) / 3_600_000 : 0, reading: r };
    prev = r.t;
  }
}
