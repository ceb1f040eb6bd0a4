import type Database from 'better-sqlite3';
import { MJ_PER_WH } from './span';
import type { EnergySlice } from './energy-slice';

const MINUTE = 60_000;

/**
 * Energy over [from, to) as time-ordered slices, for cost: one slice per minute
 * rollup (kept forever, unlike raw rows past retention), its energy integrated
 * on the monotonic clock with gaps left out when the readings were written. A
 * minute holds the readings whose window ended in it; tariff periods change on
 * whole minutes, so pricing per minute is exact. A minute near the noise floor
 * may hold a little negative energy (floor-energy.ts): it is kept, so that noise
 * cancels over a day instead of adding up.
 */
export function* energySlices(db: Database.Database, from: number, to: number): Generator<EnergySlice> {
  const rows = db
    .prepare<[number, number], { minute: number; energyMj: number }>(
      'SELECT b AS minute, energy_mj AS energyMj FROM rollup_minute WHERE b >= ? AND b < ? AND energy_mj <> 0 ORDER BY b',
    )
    .iterate(Math.ceil(from / MINUTE), Math.ceil(to / MINUTE));
  for (const r of rows) yield { start: r.minute * MINUTE, end: (r.minute + 1) * MINUTE, wh: r.energyMj / MJ_PER_WH };
}
