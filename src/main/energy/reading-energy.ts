import type Database from 'better-sqlite3';
import type { Reading } from '../../shared/contract';
import type { Calibration } from '../acquisition/calibration';
import { readingFromStats } from '../acquisition/reading';
import { decodeReading } from '../storage/reading-codec';
import { storedRows } from '../storage/reading-iterator';
import { FloorEnergy } from './floor-energy';
import { MJ_PER_WH } from './span';

export interface ReadingEnergy {
  reading: Reading;
  /** The stored span: > 0 the time this reading covers, < 0 missing time before it. */
  spanMs: number;
  wh: number;
}

/**
 * Each stored reading with the energy of the time it covers, by the writer's own
 * rule (floor-energy.ts) over its stored span (monotonic clock, gaps over
 * storage.maxGapS left out when it was written), rounded to the mJ. So a
 * period's raw rows sum to what its rollups hold, unless the calibration changed
 * since they were written (raw rows follow `cal`, rollups keep the calibration
 * of their time) or a pool of near-floor windows straddles the range's start.
 */
export function* readingsWithEnergy(db: Database.Database, from: number, to: number, cal: Calibration): Generator<ReadingEnergy> {
  const energy = new FloorEnergy(cal);
  for (const row of storedRows(db, from, to)) {
    const stats = decodeReading(row);
    const reading = readingFromStats(stats, stats.t, stats.flags, { channel: stats.channel, calibration: cal });
    yield { reading, spanMs: stats.spanMs, wh: energy.add(row.rms_mc / 1000, stats.spanMs) / MJ_PER_WH };
  }
}
