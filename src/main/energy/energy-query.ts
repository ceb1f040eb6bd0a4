import type Database from 'better-sqlite3';
import type { EnergyPer, EnergyRow } from '../../shared/contract';
import { dayPeriod, monthPeriod, periodKeyOfDay, yearPeriod } from '../../shared/zoned-calendar';
import { MJ_PER_WH } from './span';
import { currentDayBuckets } from '../storage/rollup-levels';

/**
 * Energy per local day, month or year, summed from the day rollups: every local
 * period that overlaps [from, to), whole. A few hundred rows for a year.
 */
export class EnergyQuery {
  private readonly stmt: Database.Statement<[number, number], { b: number; e: number; m: number }>;
  private readonly days;

  constructor(
    db: Database.Database,
    private readonly timeZone: () => string,
  ) {
    this.stmt = db.prepare('SELECT b, energy_mj AS e, missing_ms AS m FROM rollup_day WHERE b >= ? AND b <= ? ORDER BY b');
    this.days = currentDayBuckets(timeZone);
  }

  energy(from: number, to: number, per: EnergyPer): EnergyRow[] {
    const out: EnergyRow[] = [];
    type Open = { key: string; mj: number; ms: number; day: number };
    let current: Open | null = null as Open | null;
    const flush = (): void => {
      if (!current) return;
      const k = periodKeyOfDay(current.day, per);
      const p = per === 'day' ? dayPeriod(current.day, this.timeZone()) : per === 'month' ? monthPeriod(k.year, k.month, this.timeZone()) : yearPeriod(k.year, this.timeZone());
      out.push({ period: p.label, start: p.start, end: p.end, wh: current.mj / MJ_PER_WH, missingS: current.ms / 1000 });
    };
    for (const r of this.stmt.all(this.days.keyOf(from), this.days.keyOf(to - 1))) {
      const k = periodKeyOfDay(r.b, per);
      const key = `${k.year}-${k.month}-${k.day}`;
      if (current?.key !== key) {
        flush();
        current = { key, mj: 0, ms: 0, day: r.b };
      }
      current.mj += r.e;
      current.ms += r.m;
    }
    flush();
    return out;
  }
}
