import { describe, expect, it } from 'vitest';
import { planWindow } from '../../../src/main/acquisition/window-plan';

describe('planWindow()', () => {
  it('reads the default window (1000 samples in 0.5 s) as two transfers of 500, paced at 500 µs', () => {
    const p = planWindow({ samples: 1000, windowMs: 500, speedHz: 500_000 });
    expect(p.transfers).toEqual([500, 500]);
    expect(p.periodUs).toBe(500);
    // 24 clocks at 500 kHz take 48 µs; the rest of the period is the delay.
    expect(p.delayUs).toBe(452);
  });

  it('never puts 512 or more messages in one ioctl', () => {
    for (const samples of [511, 512, 1023, 2000, 5000]) {
      const p = planWindow({ samples, windowMs: 1000, speedHz: 1_000_000 });
      expect(Math.max(...p.transfers)).toBeLessThanOrEqual(511);
      expect(p.transfers.reduce((a, b) => a + b, 0)).toBe(samples);
    }
  });

  it('respects a smaller spidev bufsiz (3 bytes per message)', () => {
    const p = planWindow({ samples: 1000, windowMs: 500, speedHz: 500_000, bufsiz: 1024 });
    expect(Math.max(...p.transfers) * 3).toBeLessThanOrEqual(1024);
    expect(p.transfers).toEqual([334, 333, 333]);
  });

  it('refuses a clock outside the MCP3008 range', () => {
    expect(() => planWindow({ samples: 1000, windowMs: 500, speedHz: 5_000 })).toThrow(/outside the MCP3008 range/);
    expect(() => planWindow({ samples: 1000, windowMs: 500, speedHz: 2_000_000 })).toThrow(/outside/);
  });

  it('refuses a rate the clock cannot reach', () => {
    // 24 clocks at 10 kHz take 2.4 ms: 1000 samples cannot fit in 0.5 s.
    expect(() => planWindow({ samples: 1000, windowMs: 500, speedHz: 10_000 })).toThrow(/one conversion takes/);
  });
});
