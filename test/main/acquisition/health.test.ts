import { describe, expect, it } from 'vitest';
import { DEFAULT_HEALTH, healthFlags } from '../../../src/main/acquisition/health';
import { Flag } from '../../../src/shared/flags';

const stats = (mean: number, min: number, max: number) => ({ n: 1000, mean, min, max, rms: 10 });

describe('healthFlags()', () => {
  it('raises nothing for a signal around mid-scale', () => {
    expect(healthFlags(stats(511.5, 400, 620), 0, DEFAULT_HEALTH)).toBe(0);
  });

  it('flags a mean more than 20 counts from 511.5', () => {
    expect(healthFlags(stats(531, 500, 560), 0, DEFAULT_HEALTH)).toBe(0);
    expect(healthFlags(stats(532, 500, 560), 0, DEFAULT_HEALTH)).toBe(Flag.Drift);
    expect(healthFlags(stats(490, 480, 500), 0, DEFAULT_HEALTH)).toBe(Flag.Drift);
  });

  it('flags clipping at either end', () => {
    expect(healthFlags(stats(511, 0, 1000), 0, DEFAULT_HEALTH)).toBe(Flag.ClipLow);
    expect(healthFlags(stats(511, 10, 1023), 0, DEFAULT_HEALTH)).toBe(Flag.ClipHigh);
  });

  it('flags a window with conversions the bus did not fill', () => {
    expect(healthFlags(stats(511, 400, 600), 3, DEFAULT_HEALTH)).toBe(Flag.SpiError);
  });

  it('flags a board pinned at 0 as drift and clipping', () => {
    expect(healthFlags(stats(0, 0, 0), 0, DEFAULT_HEALTH)).toBe(Flag.Drift | Flag.ClipLow);
  });
});
