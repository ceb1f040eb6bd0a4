import { describe, expect, it } from 'vitest';
import type { TariffVersion } from '../../../src/shared/settings-schema';
import { planDay } from '../../../src/main/billing/day-plan';

const TZ = 'Europe/Paris';
const H = 3_600_000;
const hphc = (offPeak: { from: string; to: string }[]): TariffVersion => ({
  kind: 'hphc',
  effectiveFrom: '2020-01-01',
  subscriptionPerMonth: 15,
  hp: 0.27,
  hc: 0.2,
  offPeak,
});
const hours = (plan: ReturnType<typeof planDay>, band: string): number => plan.segments.filter((s) => s.band === band).reduce((h, s) => h + (s.end - s.start) / H, 0);

describe('planDay()', () => {
  it('cuts a day at split off-peak slots', () => {
    const plan = planDay(
      '2026-05-12',
      [
        hphc([
          { from: '01:30', to: '07:30' },
          { from: '12:30', to: '14:30' },
        ]),
      ],
      TZ,
    );
    expect(plan.segments.map((s) => [new Date(s.start).toISOString().slice(11, 16), s.band])).toEqual([
      ['22:00', 'hp'],
      ['23:30', 'hc'],
      ['05:30', 'hp'],
      ['10:30', 'hc'],
      ['12:30', 'hp'],
    ]);
    expect(hours(plan, 'hc')).toBe(8);
    expect(hours(plan, 'hp')).toBe(16);
  });

  it('handles a slot crossing midnight on both DST days', () => {
    const slots = [{ from: '22:00', to: '06:00' }];
    // 00:00-06:00 loses an hour in spring and gains one in autumn; 22:00-24:00 does not.
    expect(hours(planDay('2026-03-29', [hphc(slots)], TZ), 'hc')).toBe(7);
    expect(hours(planDay('2026-03-29', [hphc(slots)], TZ), 'hp')).toBe(16);
    expect(hours(planDay('2026-10-25', [hphc(slots)], TZ), 'hc')).toBe(9);
    expect(hours(planDay('2026-10-25', [hphc(slots)], TZ), 'hp')).toBe(16);
  });

  it('drops a boundary that falls inside the spring-forward gap', () => {
    const plan = planDay('2026-03-29', [hphc([{ from: '02:00', to: '07:00' }])], TZ);
    const hc = plan.segments.filter((s) => s.band === 'hc');
    expect(hc).toHaveLength(1);
    expect(new Date(hc[0]!.start).toISOString()).toBe('2026-03-29T01:00:00.000Z');
    expect((hc[0]!.end - hc[0]!.start) / H).toBe(4);
  });

  it('gives the hours before 06:00 to the previous Tempo day', () => {
    const tempo: TariffVersion = {
      kind: 'tempo',
      effectiveFrom: '2020-01-01',
      subscriptionPerMonth: 15,
      offPeak: [{ from: '22:00', to: '06:00' }],
      blue: { hp: 0.15, hc: 0.12 },
      white: { hp: 0.18, hc: 0.14 },
      red: { hp: 0.75, hc: 0.15 },
    };
    const plan = planDay('2026-01-06', [tempo], TZ);
    expect(plan.segments.map((s) => [s.band, s.tempoDate, (s.end - s.start) / H])).toEqual([
      ['hc', '2026-01-05', 6],
      ['hp', '2026-01-06', 16],
      ['hc', '2026-01-06', 2],
    ]);
  });

  it('has no version before the first effectiveFrom', () => {
    expect(planDay('2019-12-31', [hphc([{ from: '22:00', to: '06:00' }])], TZ).version).toBeNull();
  });
});
