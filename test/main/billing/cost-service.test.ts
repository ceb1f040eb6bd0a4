import { describe, expect, it } from 'vitest';
import { CostService } from '../../../src/main/billing/cost-service';
import { costByDay } from '../../../src/main/billing/day-cost';
import type { EnergySlice } from '../../../src/main/energy/energy-slice';
import { startOfDate } from '../../../src/shared/local-time';
import type { TariffVersion } from '../../../src/shared/settings-schema';

const TZ = 'Europe/Paris';
const tariff: TariffVersion[] = [{ kind: 'hphc', effectiveFrom: '2020-01-01', subscriptionPerMonth: 30, hp: 0.3, hc: 0.2, offPeak: [{ from: '22:00', to: '06:00' }] }];

/** A 1.5 kW load as 10-second slices, counting how many are read. */
function load() {
  let read = 0;
  const slices = function* (from: number, to: number): Generator<EnergySlice> {
    const first = Math.floor(from / 10_000) * 10_000;
    for (let t = first; t < to; t += 10_000) {
      read++;
      yield { start: t, end: t + 10_000, wh: (1500 * 10) / 3600 };
    }
  };
  return { slices, read: () => read };
}

describe('CostService', () => {
  it('prices today hour by hour like one pass would, and prices finished hours only once', async () => {
    const l = load();
    let now = startOfDate('2026-06-10', TZ) + 13.5 * 3_600_000;
    const service = new CostService({ slices: l.slices, tariff: () => tariff, timeZone: () => TZ, colours: () => new Map(), revision: () => '', now: () => now });
    const first = await service.summary();
    const dayStart = startOfDate('2026-06-10', TZ);
    const [whole] = costByDay(load().slices(dayStart, now), dayStart, now, { tariff, colours: new Map(), timeZone: TZ });
    expect(first.today.wh).toBeCloseTo(whole!.wh, 6);
    expect(first.today.energyEur).toBeCloseTo(whole!.energyEur, 9);
    expect(first.today.subscriptionEur).toBeCloseTo(1, 12);
    const readBefore = l.read();
    now += 60_000;
    const second = await service.summary();
    // Only the running hour is read again (13:00-13:31 local: 186 slices), not the 13 hours before.
    expect(l.read() - readBefore).toBeLessThan(400);
    expect(second.today.wh).toBeGreaterThan(first.today.wh);
    expect(second.month.wh).toBeCloseTo(1500 * (9 * 24 + 13.5 + 1 / 60), 3);
  });
});
