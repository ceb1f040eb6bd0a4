import { describe, expect, it } from 'vitest';
import { acquisitionFigures, figuresChanged } from '../../../src/main/acquisition/acquisition-figures';

describe('acquisition figures', () => {
  it('turns a measured window into samples per second and mains cycles', () => {
    // 1000 samples over 505 ms: 1980.2 samples/s and 25.25 cycles of 50 Hz.
    const f = acquisitionFigures({ samples: 1000, spanMs: 505, ioctls: 16 }, 50);
    expect(f.ioctlsPerWindow).toBe(16);
    expect(f.samplesPerSecond).toBeCloseTo(1980.2, 1);
    expect(f.mainsCyclesPerWindow).toBeCloseTo(25.25, 9);
  });

  it('reports no rate rather than infinity for a window of no measurable length', () => {
    expect(acquisitionFigures({ samples: 1000, spanMs: 0, ioctls: null }, 50)).toEqual({ ioctlsPerWindow: null, samplesPerSecond: 0, mainsCyclesPerWindow: 0 });
  });

  it('calls for a new status only when the screen would show a change', () => {
    const a = acquisitionFigures({ samples: 1000, spanMs: 500, ioctls: 2 }, 50);
    expect(figuresChanged(undefined, a)).toBe(true);
    expect(figuresChanged(a, acquisitionFigures({ samples: 1000, spanMs: 502, ioctls: 2 }, 50))).toBe(false);
    expect(figuresChanged(a, acquisitionFigures({ samples: 1000, spanMs: 510, ioctls: 2 }, 50))).toBe(true);
    expect(figuresChanged(a, acquisitionFigures({ samples: 1000, spanMs: 500, ioctls: 16 }, 50))).toBe(true);
  });
});
