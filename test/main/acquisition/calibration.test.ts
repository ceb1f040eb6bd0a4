import { describe, expect, it } from 'vitest';
import { DEFAULT_CALIBRATION, currentFromRms, powerFromCurrent } from '../../../src/main/acquisition/calibration';

describe('calibration', () => {
  it('matches the old dashboard: one count of rms is 0.27 A, 63.99 W at 237 V', () => {
    const a = currentFromRms(1, DEFAULT_CALIBRATION);
    expect(a).toBeCloseTo(0.27, 12);
    expect(powerFromCurrent(a, DEFAULT_CALIBRATION)).toBeCloseTo(63.99, 9);
    // power_kW = rms * 237 * 0.27 / 1000 (FACTS.md)
    expect(powerFromCurrent(currentFromRms(20, DEFAULT_CALIBRATION), DEFAULT_CALIBRATION) / 1000).toBeCloseTo((20 * 237 * 0.27) / 1000, 12);
  });

  it('removes the noise floor in quadrature', () => {
    const cal = { ...DEFAULT_CALIBRATION, noiseFloorA: 0.3 };
    expect(currentFromRms(0.5 / 0.27, cal)).toBeCloseTo(0.4, 12); // 3-4-5
  });

  it('reads an unloaded clamp as 0 W, not 64 W', () => {
    const cal = { ...DEFAULT_CALIBRATION, noiseFloorA: 0.3 };
    expect(currentFromRms(1, cal)).toBe(0);
    expect(currentFromRms(0, cal)).toBe(0);
  });
});
