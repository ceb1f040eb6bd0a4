import { describe, expect, it } from 'vitest';
import { BoundedSeries } from '../../src/renderer/chart/bounded-series';
import { toZonedWallClock } from '../../src/shared/local-time';

describe('BoundedSeries', () => {
  it('never holds more than its cap, keeping the newest points', () => {
    const s = new BoundedSeries(100);
    for (let t = 1; t <= 100_000; t++) s.push(t, t / 10);
    expect(s.length).toBe(100);
    expect([s.t[0], s.lastT]).toEqual([99_901, 100_000]);
    expect(s.y.length).toBe(100);
    expect(s.y[99]).toBe(10_000);
  });

  it('ignores a point that is not newer than the last (a reading seen twice, or a clock that went back)', () => {
    const s = new BoundedSeries(10);
    expect(s.push(5, 1)).toBe(true);
    expect(s.push(5, 2)).toBe(false);
    expect(s.push(4, 3)).toBe(false);
    expect(s.y).toEqual([1]);
  });
});

describe('toZonedWallClock()', () => {
  it('labels times in Europe/Paris with DST, whatever the zone of the machine', () => {
    expect(toZonedWallClock(Date.UTC(2026, 0, 15, 12, 0, 0, 250), 'Europe/Paris')).toBe('2026-01-15 13:00:00.250');
    expect(toZonedWallClock(Date.UTC(2026, 6, 15, 12, 0, 0), 'Europe/Paris')).toBe('2026-07-15 14:00:00.000');
    // 2026-03-29 02:00 local does not exist: 01:00 UTC is 03:00 CEST.
    expect(toZonedWallClock(Date.UTC(2026, 2, 29, 1, 0), 'Europe/Paris')).toBe('2026-03-29 03:00:00.000');
  });
});
