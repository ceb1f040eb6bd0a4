import { describe, expect, it } from 'vitest';
import { BOX, linePath, timeTicks, yScale } from '../../src/renderer/chart/live-scale';

describe('yScale()', () => {
  it('tops the axis at a round number just above the highest point', () => {
    expect(yScale(2.3)).toEqual({ top: 3, ticks: [0, 1, 2, 3] });
    expect(yScale(1.1)).toEqual({ top: 1.5, ticks: [0, 0.5, 1, 1.5] });
    expect(yScale(7.9).top).toBe(10);
    expect(yScale(9.4).ticks).toEqual([0, 2.5, 5, 7.5, 10]);
  });

  it('keeps half a kilowatt at the least, so that noise on an idle house does not fill the chart', () => {
    for (const max of [0, 0.02, 0.3]) expect(yScale(max).top).toBeCloseTo(0.6, 9);
    expect(yScale(0).ticks).toEqual([0, 0.2, 0.4, 0.6]);
  });

  it('never gives more than the ticks asked for, plus zero', () => {
    for (const max of [0.7, 1.3, 3.3, 12, 37, 123]) expect(yScale(max).ticks.length).toBeLessThanOrEqual(5);
  });
});

describe('timeTicks()', () => {
  it('puts a tick on every second whole minute over ten minutes', () => {
    const from = Date.UTC(2026, 0, 1, 12, 0, 30);
    const ticks = timeTicks(from, from + 10 * 60_000);
    expect(ticks.map((t) => new Date(t).toISOString().slice(11, 16))).toEqual(['12:02', '12:04', '12:06', '12:08', '12:10']);
  });

  it('steps to longer round intervals for a longer window', () => {
    const from = Date.UTC(2026, 0, 1, 12);
    const ticks = timeTicks(from, from + 60 * 60_000);
    expect(ticks[1]! - ticks[0]!).toBe(10 * 60_000);
    expect(ticks).toHaveLength(7);
  });
});

describe('linePath()', () => {
  it('maps the window onto the box, newest at the right edge, zero at the bottom', () => {
    expect(linePath([0, 500, 1000], [0, 1, 2], 0, 1000, 2, 10_000)).toBe(`M0.0 ${BOX}.0L500.0 500.0L1000.0 0.0`);
  });

  it('leaves out points older than the window and breaks the line where readings are missing', () => {
    const d = linePath([-10, 0, 100, 500, 600], [1, 1, 1, 1, 1], 0, 1000, 1, 300);
    expect(d).toBe('M0.0 0.0L100.0 0.0M500.0 0.0L600.0 0.0');
  });
});
