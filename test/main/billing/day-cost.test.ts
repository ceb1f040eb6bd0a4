import { describe, expect, it } from 'vitest';
import { startOfDate } from '../../../src/shared/local-time';
import type { TariffVersion } from '../../../src/shared/settings-schema';
import { costByDay, totalCost } from '../../../src/main/billing/day-cost';
import type { EnergySlice } from '../../../src/main/energy/energy-slice';
import type { TempoColour } from '../../../src/main/billing/tempo-colours';

const TZ = 'Europe/Paris';
const MIN = 60_000;

/** A constant load as one-minute slices, as rollups would give it. */
function* constant(watts: number, from: number, to: number): Iterable<EnergySlice> {
  for (let t = from; t < to; t += MIN) yield { start: t, end: Math.min(to, t + MIN), wh: (watts * (Math.min(to, t + MIN) - t)) / 3_600_000 };
}
const range = (from: string, to: string): [number, number] => [startOfDate(from, TZ), startOfDate(to, TZ)];

const base = (effectiveFrom: string, kwh: number, sub = 31): TariffVersion => ({ kind: 'base', effectiveFrom, subscriptionPerMonth: sub, kwh });
const tempo: TariffVersion = {
  kind: 'tempo',
  effectiveFrom: '2020-01-01',
  subscriptionPerMonth: 0,
  offPeak: [{ from: '22:00', to: '06:00' }],
  blue: { hp: 0.1, hc: 0.05 },
  white: { hp: 0.2, hc: 0.1 },
  red: { hp: 0.7, hc: 0.15 },
};

describe('costByDay()', () => {
  it('prices a base tariff and shares the subscription by the days of each month', () => {
    const [from, to] = range('2026-01-31', '2026-02-02');
    const days = costByDay(constant(1000, from, to), from, to, { tariff: [base('2020-01-01', 0.2, 31)], colours: new Map(), timeZone: TZ });
    expect(days.map((d) => d.date)).toEqual(['2026-01-31', '2026-02-01']);
    expect(days[0]!.wh).toBeCloseTo(24_000, 6);
    expect(days[0]!.energyEur).toBeCloseTo(4.8, 9);
    expect(days[0]!.subscriptionEur).toBeCloseTo(1, 12); // 31 € over 31 days
    expect(days[1]!.subscriptionEur).toBeCloseTo(31 / 28, 12);
  });

  it('splits one slice across the HP/HC boundary in proportion to time', () => {
    const v: TariffVersion = { kind: 'hphc', effectiveFrom: '2020-01-01', subscriptionPerMonth: 0, hp: 0.3, hc: 0.1, offPeak: [{ from: '22:00', to: '06:00' }] };
    const [d0] = range('2026-05-12', '2026-05-13');
    const at2130 = d0 + 21.5 * 3_600_000;
    const slice = { start: at2130, end: at2130 + 3_600_000, wh: 1000 }; // 21:30 to 22:30
    const [cost] = costByDay([slice], d0, d0 + 86_400_000, { tariff: [v], colours: new Map(), timeZone: TZ });
    expect(cost!.whByBand).toEqual({ hp: 500, hc: 500 });
    expect(cost!.energyEur).toBeCloseTo(0.5 * 0.3 + 0.5 * 0.1, 12);
  });

  it('counts a 25-hour autumn day as 25 hours of a constant load', () => {
    const [from, to] = range('2026-10-25', '2026-10-26');
    const [cost] = costByDay(constant(2000, from, to), from, to, { tariff: [base('2020-01-01', 0.25, 0)], colours: new Map(), timeZone: TZ });
    expect(cost!.wh).toBeCloseTo(50_000, 6);
    expect(cost!.energyEur).toBeCloseTo(12.5, 9);
  });

  it('keeps old prices for the days before a price change', () => {
    const [from, to] = range('2026-07-31', '2026-08-02');
    const days = costByDay(constant(1000, from, to), from, to, {
      tariff: [base('2025-02-01', 0.2, 0), base('2026-08-01', 0.3, 0)],
      colours: new Map(),
      timeZone: TZ,
    });
    expect(days.map((d) => Number(d.energyEur.toFixed(6)))).toEqual([4.8, 7.2]);
  });

  it('prices Tempo by the colour of the day that started at 06:00, and never guesses a missing one', () => {
    const colours = new Map<string, TempoColour>([['2026-01-05', 'red']]);
    const [from, to] = range('2026-01-06', '2026-01-07');
    const days = costByDay(constant(1000, from, to), from, to, { tariff: [tempo], colours, timeZone: TZ });
    // 00:00-06:00 belongs to the red Tempo day of the 5th (off-peak); the rest to the 6th, whose colour is unknown.
    expect(days[0]!.energyEur).toBeCloseTo(6 * 0.15, 9);
    expect(days[0]!.unpricedWh).toBeCloseTo(18_000, 6);
    expect(days[0]!.missingColours).toEqual(['2026-01-06']);
    const total = totalCost(days);
    expect(total.complete).toBe(false);
    expect(total.missingColours).toEqual(['2026-01-06']);
  });

  it('reports energy before the first tariff as unpriced', () => {
    const [from, to] = range('2019-12-31', '2020-01-01');
    const days = costByDay(constant(500, from, to), from, to, { tariff: [base('2020-01-01', 0.2, 10)], colours: new Map(), timeZone: TZ });
    expect(days[0]!.unpricedWh).toBeCloseTo(12_000, 6);
    expect(days[0]!.subscriptionEur).toBe(0);
    expect(totalCost(days).complete).toBe(false);
  });

  it('gives every day of the range its subscription even without data', () => {
    const [from, to] = range('2026-04-01', '2026-05-01');
    const total = totalCost(costByDay([], from, to, { tariff: [base('2020-01-01', 0.2, 15)], colours: new Map(), timeZone: TZ }));
    expect(total.subscriptionEur).toBeCloseTo(15, 9);
    expect(total.totalEur).toBeCloseTo(15, 9);
    expect(total.complete).toBe(true);
  });
});
