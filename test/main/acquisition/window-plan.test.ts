import { describe, expect, it } from 'vitest';
import { planWindow } from '../../../src/main/acquisition/window-plan';

const ARMHF = { bufsiz: 4096, align: 64 };
const ARM64 = { bufsiz: 4096, align: 128 };
const base = { samples: 1000, windowMs: 500, speedHz: 500_000 };

describe('planWindow()', () => {
  it('fits the default window in 16 ioctls of at most 64 conversions on armhf at the default bufsiz', () => {
    const p = planWindow({ ...base, limits: ARMHF });
    expect(p.ioctls).toHaveLength(16);
    expect(Math.max(...p.ioctls)).toBeLessThanOrEqual(64);
    expect(new Set(p.ioctls)).toEqual(new Set([62, 63]));
  });

  it('fits it in 32 ioctls of at most 32 on arm64 (128-byte alignment)', () => {
    const p = planWindow({ ...base, limits: ARM64 });
    expect(p.ioctls).toHaveLength(32);
    expect(new Set(p.ioctls)).toEqual(new Set([31, 32]));
  });

  it('needs only two ioctls once spidev.bufsiz=65536', () => {
    expect(planWindow({ ...base, limits: { bufsiz: 65536, align: 64 } }).ioctls).toEqual([500, 500]);
    expect(planWindow({ ...base, limits: { bufsiz: 65536, align: 128 } }).ioctls).toEqual([500, 500]);
  });

  it('paces 500 µs per sample: 27 bus clocks at 500 kHz (54 µs) and 10 µs of chip select up leave 436 µs', () => {
    const p = planWindow({ ...base, limits: ARMHF });
    expect(p.periodUs).toBe(500);
    expect(p.delayUs).toBe(436);
  });

  it('never puts 512 or more conversions in one ioctl, and loses none in the split', () => {
    for (const samples of [511, 512, 1023, 2000, 5000]) {
      const p = planWindow({ samples, windowMs: 1000, speedHz: 1_000_000, limits: { bufsiz: 1 << 20, align: 8 } });
      expect(Math.max(...p.ioctls)).toBeLessThanOrEqual(511);
      expect(p.ioctls.reduce((a, b) => a + b, 0)).toBe(samples);
    }
  });

  it('refuses a bufsiz that cannot hold one aligned conversion', () => {
    expect(() => planWindow({ ...base, limits: { bufsiz: 100, align: 128 } })).toThrow(/cannot hold one conversion/);
  });

  it('refuses a clock outside the MCP3008 range', () => {
    expect(() => planWindow({ ...base, speedHz: 5_000, limits: ARMHF })).toThrow(/outside the MCP3008 range/);
    expect(() => planWindow({ ...base, speedHz: 2_000_000, limits: ARMHF })).toThrow(/outside/);
  });

  it('refuses a rate the clock cannot reach', () => {
    // 27 clocks at 10 kHz take 2.7 ms: 1000 samples cannot fit in 0.5 s.
    expect(() => planWindow({ ...base, speedHz: 10_000, limits: ARMHF })).toThrow(/keeps the bus/);
  });
});
