import type { Reading } from '../../shared/contract';
import type { Calibration } from '../acquisition/calibration';
import { FloorEnergy } from '../energy/floor-energy';
import { MJ_PER_WH } from '../energy/span';
import type { EnergySlice } from '../tariffs/energy-slice';

/** Readings further apart than this are a gap: missing time, never energy. */
export const DEFAULT_GAP_MS = 10_000;

export interface ReadingSlice extends EnergySlice {
  reading: Reading;
}

/**
 * Each reading's energy over the time it covers since the previous reading, by
 * the rollups' rule (floor-energy.ts), so that an export's kWh are the screen's.
 * The first reading, and the first after a gap, cover nothing: a straight line
 * across a gap would be invented energy.
 */
export function* readingSlices(readings: Iterable<Reading>, cal: Calibration, gapMs = DEFAULT_GAP_MS): Generator<ReadingSlice> {
  const energy = new FloorEnergy(cal);
  let prev: number | null = null;
  for (const r of readings) {
    const covered = prev !== null && r.t > prev && r.t - prev <= gapMs;
    const start = covered ? prev! : r.t;
    yield { start, end: r.t, wh: energy.add(r.rms, covered ? r.t - start : -1) / MJ_PER_WH, reading: r };
    prev = r.t;
  }
}
