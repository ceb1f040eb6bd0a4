import { type DateKey, addDays, daysInMonth, localDateKey, parseDateKey } from '../../shared/local-time';
import type { TariffVersion } from '../../shared/settings-schema';
import { type Band, type DayPlan, type Segment, planDay } from './day-plan';
import type { EnergySlice } from '../energy/energy-slice';
import type { TempoColour, TempoColours } from './tempo-colours';

export interface DayCost {
  date: DateKey;
  wh: number;
  /** Euros for the energy that could be priced. */
  energyEur: number;
  /** This day's share of the month's subscription. */
  subscriptionEur: number;
  /** Energy that has no price: a Tempo day without a colour, or before the first tariff. */
  unpricedWh: number;
  /** Tempo days whose colour is unknown, met by this day's energy. */
  missingColours: DateKey[];
  whByBand: Partial<Record<Band, number>>;
}

export interface CostContext {
  tariff: readonly TariffVersion[];
  colours: TempoColours;
  timeZone: string;
}

function pricePerKwh(v: TariffVersion | null, seg: Segment, colours: TempoColours): number | null {
  if (!v) return null;
  if (v.kind === 'base') return v.kwh;
  if (v.kind === 'hphc') return seg.band === 'hc' ? v.hc : v.hp;
  const colour: TempoColour | undefined = colours.get(seg.tempoDate!);
  if (!colour) return null;
  return seg.band === 'hc' ? v[colour].hc : v[colour].hp;
}

function emptyDay(plan: DayPlan): DayCost {
  const { year, month } = parseDateKey(plan.date);
  return {
    date: plan.date,
    wh: 0,
    energyEur: 0,
    subscriptionEur: plan.version ? plan.version.subscriptionPerMonth / daysInMonth(year, month) : 0,
    unpricedWh: 0,
    missingColours: [],
    whByBand: {},
  };
}

/**
 * Cost per local day of every date from `from` to `to` (epoch ms, end excluded),
 * subscription included even on days without data. Each slice's energy is split
 * across tariff boundaries in proportion to time. Slices must come in time order,
 * which both the raw table and the rollups give; the day plan is then reused
 * for every slice of the day.
 */
export function costByDay(slices: Iterable<EnergySlice>, from: number, to: number, ctx: CostContext): DayCost[] {
  const days = new Map<DateKey, { plan: DayPlan; cost: DayCost }>();
  const dayAt = (date: DateKey) => {
    let d = days.get(date);
    if (!d) {
      const plan = planDay(date, ctx.tariff, ctx.timeZone);
      d = { plan, cost: emptyDay(plan) };
      days.set(date, d);
    }
    return d;
  };
  const lastDate = localDateKey(to - 1, ctx.timeZone);
  for (let date = localDateKey(from, ctx.timeZone); date <= lastDate; date = addDays(date, 1)) dayAt(date);

  let current = dayAt(localDateKey(from, ctx.timeZone));
  for (const slice of slices) {
    const s = Math.max(slice.start, from);
    const e = Math.min(slice.end, to);
    if (e <= s || slice.wh === 0) continue;
    const whPerMs = slice.wh / (slice.end - slice.start);
    let t = s;
    while (t < e) {
      if (t < current.plan.start || t >= current.plan.end) current = dayAt(localDateKey(t, ctx.timeZone));
      for (const seg of current.plan.segments) {
        if (seg.end <= t || seg.start >= e) continue;
        const a = Math.max(seg.start, t);
        const b = Math.min(seg.end, e);
        addEnergy(current.cost, current.plan.version, seg, whPerMs * (b - a), ctx.colours);
      }
      t = Math.min(e, current.plan.end);
    }
  }
  return [...days.values()].map((d) => d.cost);
}

function addEnergy(cost: DayCost, v: TariffVersion | null, seg: Segment, wh: number, colours: TempoColours): void {
  cost.wh += wh;
  cost.whByBand[seg.band] = (cost.whByBand[seg.band] ?? 0) + wh;
  const price = pricePerKwh(v, seg, colours);
  if (price === null) {
    cost.unpricedWh += wh;
    if (seg.tempoDate && !cost.missingColours.includes(seg.tempoDate)) cost.missingColours.push(seg.tempoDate);
  } else {
    cost.energyEur += (wh / 1000) * price;
  }
}

export interface CostTotal {
  wh: number;
  energyEur: number;
  subscriptionEur: number;
  totalEur: number;
  unpricedWh: number;
  /** False when some energy could not be priced: totalEur is then a lower bound. */
  complete: boolean;
  missingColours: DateKey[];
}

export function totalCost(days: readonly DayCost[]): CostTotal {
  const t = days.reduce(
    (acc, d) => {
      acc.wh += d.wh;
      acc.energyEur += d.energyEur;
      acc.subscriptionEur += d.subscriptionEur;
      acc.unpricedWh += d.unpricedWh;
      for (const c of d.missingColours) if (!acc.missingColours.includes(c)) acc.missingColours.push(c);
      return acc;
    },
    { wh: 0, energyEur: 0, subscriptionEur: 0, unpricedWh: 0, missingColours: [] as DateKey[] },
  );
  return { ...t, totalEur: t.energyEur + t.subscriptionEur, complete: t.unpricedWh === 0, missingColours: t.missingColours.sort() };
}

/** One day's cost from parts priced separately (hours of today): energy adds up, the subscription counts once. */
export function mergeParts(parts: readonly DayCost[]): DayCost {
  const first = parts[0]!;
  const out: DayCost = { ...first, wh: 0, energyEur: 0, unpricedWh: 0, missingColours: [], whByBand: {} };
  for (const p of parts) {
    out.wh += p.wh;
    out.energyEur += p.energyEur;
    out.unpricedWh += p.unpricedWh;
    for (const c of p.missingColours) if (!out.missingColours.includes(c)) out.missingColours.push(c);
    for (const [band, wh] of Object.entries(p.whByBand) as [Band, number][]) out.whByBand[band] = (out.whByBand[band] ?? 0) + wh;
  }
  return out;
}
