import { describe, expect, it } from 'vitest';
import { TimelineStamper } from '../../../src/main/acquisition/timeline-stamper';

const T0 = Date.parse('2026-05-01T10:00:00Z');

describe('TimelineStamper', () => {
  it('stamps by the wall clock while it agrees with the monotonic clock', () => {
    const logs: string[] = [];
    const s = new TimelineStamper(null, (l) => logs.push(l));
    expect([s.stamp(T0, 0).t, s.stamp(T0 + 500, 500).t, s.stamp(T0 + 1001, 1000).t]).toEqual([T0, T0 + 500, T0 + 1001]);
    expect(logs).toEqual([]);
  });

  it('follows a forward jump (NTP at boot) and logs it', () => {
    const logs: string[] = [];
    const s = new TimelineStamper(null, (l) => logs.push(l));
    s.stamp(T0, 0);
    const jumped = T0 + 500 + 3 * 86_400_000;
    expect(s.stamp(jumped, 500)).toEqual({ t: jumped, mono: 500 });
    expect(logs).toEqual([expect.stringMatching(/jumped forward by 259200\.0 s/)]);
  });

  it('never stamps at or before the previous reading when the wall clock goes back, and logs it', () => {
    const logs: string[] = [];
    const s = new TimelineStamper(null, (l) => logs.push(l));
    s.stamp(T0, 0);
    s.stamp(T0 + 500, 500);
    // The wall clock goes back 3 s; the next stamps follow the monotonic clock.
    const stamps = [1000, 1500, 2000, 2500, 3000].map((m) => s.stamp(T0 - 3000 + m, m).t);
    expect(stamps).toEqual([T0 + 1000, T0 + 1500, T0 + 2000, T0 + 2500, T0 + 3000]);
    expect(logs.some((l) => /jumped back by 3\.0 s/.test(l))).toBe(true);
    expect(logs.some((l) => /behind the last reading/.test(l))).toBe(true);
    // Once the wall clock is past the last stamp, it is used again.
    expect(s.stamp(T0 + 3600, 5600).t).toBe(T0 + 3600);
    expect(logs.at(-1)).toMatch(/caught up/);
  });

  it('starts after the last stored reading when the Pi boots on a clock behind the database', () => {
    const s = new TimelineStamper(T0, () => undefined);
    const a = s.stamp(T0 - 3_600_000, 10);
    const b = s.stamp(T0 - 3_600_000 + 500, 510);
    expect(a.t).toBeGreaterThan(T0);
    expect(b.t - a.t).toBe(500);
  });
});

describe('TimelineStamper after a clock that was ahead is corrected', () => {
  it('holds by the monotonic clock for at most maxHoldMs, then returns to the wall clock and says why', () => {
    const logs: string[] = [];
    const s = new TimelineStamper(null, (l) => logs.push(l), 2000, 30_000);
    // Stamped 2 h ahead, then NTP puts the clock right.
    const ahead = T0 + 2 * 3_600_000;
    s.stamp(ahead, 0);
    const stamps: number[] = [];
    for (let m = 500; m <= 40_000; m += 500) stamps.push(s.stamp(T0 + m, m).t);
    expect(stamps.slice(0, 60).every((t, i) => t === ahead + (i + 1) * 500)).toBe(true);
    // Within a minute of the correction, readings carry the true time again, strictly increasing from there.
    expect(stamps.at(-1)).toBe(T0 + 40_000);
    expect(stamps.filter((t) => t < ahead)).toEqual(stamps.slice(stamps.findIndex((t) => t < ahead)));
    expect(logs.some((l) => /still 7\d{3}\.\d s behind .* after 30 s: it is right/.test(l))).toBe(true);
  });

  it('says nothing when two windows end in the same millisecond', () => {
    const logs: string[] = [];
    const s = new TimelineStamper(null, (l) => logs.push(l));
    s.stamp(T0, 0);
    expect(s.stamp(T0, 0.4).t).toBe(T0 + 1);
    expect(s.stamp(T0 + 20, 20).t).toBe(T0 + 20);
    expect(logs).toEqual([]);
  });
});
