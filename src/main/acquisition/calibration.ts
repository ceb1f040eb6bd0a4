export interface Calibration {
  /** Amperes of rms current per ADC count of rms (0.27 for the original board). */
  ampsPerCount: number;
  /** Assumed mains voltage: there is no voltage sensing. */
  volts: number;
  /** rms current the electronics show with nothing flowing, removed in quadrature. */
  noiseFloorA: number;
}

export const DEFAULT_CALIBRATION: Calibration = { ampsPerCount: 0.27, volts: 237, noiseFloorA: 0 };

/**
 * Noise adds to the signal in quadrature, so it is removed the same way: an
 * unloaded clamp then reads 0 A instead of the old dashboard's ~64 W.
 */
export function currentFromRms(rmsCounts: number, cal: Calibration): number {
  const raw = rmsCounts * cal.ampsPerCount;
  return Math.sqrt(Math.max(0, raw * raw - cal.noiseFloorA * cal.noiseFloorA));
}

/** Apparent power (VA, shown as W as the old system did): no phase information. */
export function powerFromCurrent(currentA: number, cal: Calibration): number {
  return currentA * cal.volts;
}
