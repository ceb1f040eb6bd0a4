import type { CostSummary } from '../../shared/kiosk-contract';
import { type DateKey, addDays, localDateKey, startOfDate } from '../../shared/local-time';
import type { TariffVersion } from '../../shared/settings-schema';
import { type DayCost, costByDay, mergeParts, totalCost } from './day-cost';
import { versionOn } from './day-plan';
import type { EnergySlice } from '../energy/energy-slice';
import type { TempoColours } from './tempo-colours';

export interface CostServiceOptions {
  slices: (from: number, to: number) => Iterable<EnergySlice>;
  tariff: () => readonly TariffVersion[];
  timeZone: () => string;
  colours: () => TempoColours;
  /** Changes whenever something that prices the past changes (calibration, colours). */
  revision: () => string;
  now: () => number;
}

const yieldToLoop = (): Promise<void> => new Promise((r) => setImmediate(r));
const HOUR_MS = 3_600_000;

/**
 * Cost today, this month and per day. A finished day never changes, so it is
 * priced once and kept until the tariff, zone, calibration or colours change;
 * days are priced one per event-loop turn so acquisition never waits long.
 */
export class CostService {
  private cache = new Map<DateKey, DayCost>();
  /** Finished hours of today, by start: today is priced again every minute, its past hours are not. */
  private hours = new Map<number, DayCost>();
  private cacheKey = '';

  constructor(private readonly options: CostServiceOptions) {}

  private key(): string {
    return JSON.stringify([this.options.tariff(), this.options.timeZone(), this.options.revision()]);
  }

  /**
   * One day, an hour at a time with a turn of the event loop between hours: a day
   * of raw readings is 172,800 rows, too long to hold the loop that carries live
   * readings to the screen. Finished hours are kept while the day is today.
   */
  private async priceDay(date: DateKey, until: number, keepHours: boolean): Promise<DayCost> {
    const tz = this.options.timeZone();
    const from = startOfDate(date, tz);
    const to = Math.min(until, startOfDate(addDays(date, 1), tz));
    const ctx = { tariff: this.options.tariff(), colours: this.options.colours(), timeZone: tz };
    if (to <= from) return costByDay([], from, from + 1, ctx)[0]!;
    const parts: DayCost[] = [];
    for (let a = from; a < to; a += HOUR_MS) {
      const b = Math.min(to, a + HOUR_MS);
      let part = this.hours.get(a);
      if (!part || b < a + HOUR_MS) {
        part = costByDay(this.options.slices(a, b), a, b, ctx)[0]!;
        if (keepHours && b === a + HOUR_MS) this.hours.set(a, part);
        await yieldToLoop();
      }
      parts.push(part);
    }
    return mergeParts(parts);
  }

  /** Every local date from `from` to `to` inclusive; today is priced up to now. */
  async daily(from: DateKey, to: DateKey): Promise<DayCost[]> {
    const key = this.key();
    if (key !== this.cacheKey) {
      this.cache.clear();
      this.hours.clear();
      this.cacheKey = key;
    }
    const now = this.options.now();
    const today = localDateKey(now, this.options.timeZone());
    // Hours of days gone by are in the day cache now.
    const todayStart = startOfDate(today, this.options.timeZone());
    for (const h of this.hours.keys()) if (h < todayStart) this.hours.delete(h);
    const out: DayCost[] = [];
    for (let d = from; d <= to; d = addDays(d, 1)) {
      if (d > today) break;
      let day = this.cache.get(d);
      if (!day) {
        day = await this.priceDay(d, now, d === today);
        if (d < today) this.cache.set(d, day);
      }
      out.push(day);
    }
    return out;
  }

  async summary(): Promise<CostSummary> {
    const now = this.options.now();
    const today = localDateKey(now, this.options.timeZone());
    const monthStart = `${today.slice(0, 8)}01`;
    const days = await this.daily(monthStart, today);
    return {
      today: { ...totalCost(days.slice(-1)), date: today },
      month: { ...totalCost(days), month: today.slice(0, 7) },
      tariffKind: versionOn(today, this.options.tariff())?.kind ?? null,
    };
  }
}
