import type Database from 'better-sqlite3';
import type { Calibration } from '../acquisition/calibration';
import { iterateReadings } from '../storage/reading-iterator';
import type { EnergySlice } from '../tariffs/energy-slice';
import { DEFAULT_GAP_MS, readingSlices } from './reading-slices';

/**
 * Energy over [from, to) as time-ordered slices, for cost. Today it integrates
 * raw readings (starting one gap early, so the first reading of the range knows
 * its predecessor). When minute rollups exist (issue 3), this is the one
 * function to switch: one slice per minute row instead.
 */
export function* energySlices(db: Database.Database, from: number, to: number, cal: Calibration, gapMs = DEFAULT_GAP_MS): Generator<EnergySlice> {
  for (const s of readingSlices(iterateReadings(db, from - gapMs, to, cal), gapMs)) {
    if (s.end > from && s.wh > 0) yield { start: s.start, end: s.end, wh: s.wh };
  }
}
