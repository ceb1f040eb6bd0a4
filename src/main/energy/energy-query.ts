import type Database from 'better-sqlite3';
import type { EnergyPer, EnergyRow } from '../../shared/contract';
import { type Period, periodOf } from '../../shared/zoned-calendar';
import { currentDayBuckets } from '../storage/rollup-levels';
import { type RecordedSpan, missingMsOf } from './missing-time';
import { RollupRows } from './rollup-rows';
import { MJ_PER_WH } from './span';

/** Every local day, month or year that overlaps [from, to), whole and in order. */
export function periodsOverlapping(from: number, to: number, per: EnergyPer, timeZone: string): Period[] {
  const out: Period[] = [];
  for (let p = periodOf(from, per, timeZone); p.start < to; p = periodOf(p.end, per, timeZone)) out.push(p);
  return out;
}

/**
 * Energy per local day, month or year, summed from the day rollups (the same rows
 * a 1-day export writes): every period that overlaps [from, to) and has begun,
 * whole, readings or not; a few hundred rows for a year.
 */
export class EnergyQuery {
  private readonly days: RollupRows;
  private readonly firstMinute: Database.Statement<[], { b: number }>;
  private readonly firstKey: Database.Statement<[], { k: number | null }>;
  private readonly lastT: Database.Statement<[], { last_t: number | null }>;
  private readonly lifetime: Database.Statement<[], { e: number }>;

  constructor(
    db: Database.Database,
    private readonly timeZone: () => string,
    private readonly now: () => number = Date.now,
  ) {
    this.days = new RollupRows(db, 'day', currentDayBuckets(timeZone));
    this.firstMinute = db.prepare('SELECT b FROM rollup_minute WHERE n > 0 ORDER BY b LIMIT 1');
    this.firstKey = db.prepare('SELECT min(k) AS k FROM reading');
    this.lastT = db.prepare('SELECT last_t FROM cursor WHERE id = 0');
    this.lifetime = db.prepare('SELECT total(energy_mj) AS e FROM rollup_day');
  }

  /** Every Wh the database holds: this box's meter reading (the day rollups are kept forever). */
  lifetimeWh(): number {
    return this.lifetime.get()!.e / MJ_PER_WH;
  }

  energy(from: number, to: number, per: EnergyPer): EnergyRow[] {
    const now = this.now();
    const periods = periodsOverlapping(from, Math.min(to, now), per, this.timeZone());
    if (periods.length === 0) return [];
    const rows = this.days.overlapping(periods[0]!.start, periods.at(-1)!.end);
    const recorded = this.recorded();
    let at = 0;
    return periods.map((p) => {
      let wh = 0;
      let gapsMs = 0;
      for (; at < rows.length && rows[at]!.start < p.end; at++) {
        wh += rows[at]!.wh;
        gapsMs += rows[at]!.missingMs;
      }
      return { period: p.label, start: p.start, end: p.end, wh, missingS: missingMsOf(p.start, p.end, gapsMs, recorded, now) / 1000 };
    });
  }

  /**
   * Where readings begin and end. The first is exact while its raw row is kept;
   * past retention its minute rollup gives it to the minute.
   */
  private recorded(): RecordedSpan {
    const minute = this.firstMinute.get()?.b;
    if (minute === undefined) return { firstT: null, lastT: null };
    const key = this.firstKey.get()?.k ?? null;
    const rawT = key === null ? Infinity : Math.floor(key / 8);
    const firstT = Math.floor(rawT / 60_000) <= minute ? rawT : minute * 60_000;
    return { firstT, lastT: this.lastT.get()?.last_t ?? null };
  }
}
