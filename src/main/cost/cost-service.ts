import type { CostSummary } from '../../shared/kiosk-contract';
import { type DateKey, addDays, localDateKey, startOfDate } from '../../shared/local-time';
import type { TariffVersion } from '../../shared/settings-schema';
import { type DayCost, costByDay, totalCost } from '../tariffs/day-cost';
import { versionOn } from '../tariffs/day-plan';
import type { EnergySlice } from '../tariffs/energy-slice';
import type { TempoColours } from '../tariffs/tempo-colours';

export interface CostServiceOptions {
  slices(from: number, to: number): Iterable<EnergySlice>;
  tariff(): readonly TariffVersion[];
  timeZone(): string;
  colours(): TempoColours;
  /** Changes whenever something that prices the past changes (calibration, colours). */
  revision(): string;
  now(): number;
}

const yieldToLoop = (): Promise<void> => new Promise((r) => setImmediate(r));

/**
 * Cost today, this month and per day. A finished day never changes, so it is
 * priced once and kept until the tariff, zone, calibration or colours change;
 * days are priced one per event-loop turn so acquisition never waits long.
 */
export class CostService {
  private cache = new Map<DateKey, DayCost>();
  private cacheKey = '';

  constructor(private readonly o: CostServiceOptions) {}

  private key(): string {
    return JSON.stringify([this.o.tariff(), this.o.timeZone(), this.o.revision()]);
  }

  private priceDay(date: DateKey, until: number): DayCost {
    const tz = this.o.timeZone();
    const from = startOfDate(date, tz);
    const to = Math.min(until, startOfDate(addDays(date, 1), tz));
    const ctx = { tariff: this.o.tariff(), colours: this.o.colours(), timeZone: tz };
    if (to <= from) return costByDay([], from, from + 1, ctx)[0]!;
    return costByDay(this.o.slices(from, to), from, to, ctx)[0]!;
  }

  /** Every local date from `from` to `to` inclusive; today is priced up to now. */
  async daily(from: DateKey, to: DateKey): Promise<DayCost[]> {
    const key = this.key();
    if (key !== this.cacheKey) {
      this.cache.clear();
      this.cacheKey = key;
    }
    const now = this.o.now();
    const today = localDateKey(now, this.o.timeZone());
    const out: DayCost[] = [];
    for (let d = from; d <= to; d = addDays(d, 1)) {
      if (d > today) break;
      let day = this.cache.get(d);
      if (!day) {
        day = this.priceDay(d, now);
        if (d < today) this.cache.set(d, day);
        await yieldToLoop();
      }
      out.push(day);
    }
    return out;
  }

  async summary(): Promise<CostSummary> {
    const now = this.o.now();
    const today = localDateKey(now, this.o.timeZone());
    const monthStart = `${today.slice(0, 8)}01`;
    const days = await this.daily(monthStart, today);
    return {
      today: { ...totalCost(days.slice(-1)), date: today },
      month: { ...totalCost(days), month: today.slice(0, 7) },
      tariffKind: versionOn(today, this.o.tariff())?.kind ?? null,
    };
  }
}
