import { describe, expect, it } from 'vitest';
import { pace, spreadDelay, startPacer } from '../../../src/main/acquisition/window-pacer';

/** A bus whose sleeps run 5 % long (usleep_range's slack) and that adds `overheadUs` per sample. */
const busMs = (delayUs: number, samples: number, overheadUs: number): number => (samples * (delayUs * 1.05 + overheadUs)) / 1000;

describe('the window pacer', () => {
  it.each([40, 120, 300])('brings a 500 ms window within 1 %% in three windows with %i µs of overhead per sample', (overheadUs) => {
    let s = startPacer(500, 1000, 436);
    const spans: number[] = [];
    for (let i = 0; i < 6; i++) {
      const span = busMs(s.delayUs, 1000, overheadUs);
      spans.push(span);
      s = pace(s, span);
    }
    for (const span of spans.slice(3)) expect(Math.abs(span - 500) / 500).toBeLessThan(0.01);
  });

  it('stops at no delay when the bus alone is slower than the window', () => {
    let s = startPacer(500, 1000, 436);
    for (let i = 0; i < 5; i++) s = pace(s, busMs(s.delayUs, 1000, 600));
    expect(s.delayUs).toBe(0);
  });

  it('learns nothing from a stalled window (suspend, swap)', () => {
    const s = pace(startPacer(500, 1000, 436), 500);
    expect(pace(s, 5000)).toBe(s);
    expect(pace(s, Number.NaN)).toBe(s);
  });

  it('spreads a fractional delay over whole microseconds, evenly, keeping the mean', () => {
    const got: number[] = [];
    spreadDelay(436.25, 8, (i, us) => (got[i] = us));
    expect(got).toEqual([436, 436, 436, 437, 436, 436, 436, 437]);
    const many: number[] = [];
    spreadDelay(12.7, 1000, (i, us) => (many[i] = us));
    expect(many.reduce((a, b) => a + b, 0) / 1000).toBeCloseTo(12.7, 9);
  });
});
