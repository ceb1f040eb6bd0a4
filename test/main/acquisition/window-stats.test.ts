import { describe, expect, it } from 'vitest';
import { windowStats } from '../../../src/main/acquisition/window-stats';

describe('windowStats()', () => {
  it('gives zero rms for a constant signal', () => {
    expect(windowStats(new Uint16Array(1000).fill(511))).toEqual({ n: 1000, mean: 511, min: 511, max: 511, rms: 0 });
  });

  it('gives the half-swing as rms for a square wave', () => {
    const s = Uint16Array.from({ length: 1000 }, (_, i) => (i % 2 ? 611 : 411));
    const w = windowStats(s);
    expect(w.mean).toBe(511);
    expect(w.rms).toBe(100);
    expect([w.min, w.max]).toEqual([411, 611]);
  });

  it('gives amplitude/sqrt(2) for a sine over whole cycles', () => {
    const n = 1000;
    const a = 300;
    const s = Float64Array.from({ length: n }, (_, i) => 511.5 + a * Math.sin((2 * Math.PI * 25 * i) / n));
    const w = windowStats(s);
    expect(w.mean).toBeCloseTo(511.5, 9);
    expect(w.rms).toBeCloseTo(a / Math.SQRT2, 9);
  });

  it('is the population standard deviation (divides by n, not n - 1)', () => {
    expect(windowStats([1, 3]).rms).toBe(1);
  });

  it('refuses an empty window', () => {
    expect(() => windowStats([])).toThrow(RangeError);
  });
});
