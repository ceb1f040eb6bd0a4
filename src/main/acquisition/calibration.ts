import type { NoiseFloor } from '../../shared/calibration-schema';

export interface Calibration {
  /** Amperes of rms current per ADC count of rms (0.27 for the original board). */
  ampsPerCount: number;
  /** Assumed mains voltage: there is no voltage sensing. */
  volts: number;
  /** The old single-figure floor (A), used only while no floor is measured. */
  noiseFloorA: number;
  /** The measured floor, in counts² (see NoiseFloorSchema). */
  floor?: Pick<NoiseFloor, 'meanSquare' | 'spread'> | undefined;
}

export const DEFAULT_CALIBRATION: Calibration = { ampsPerCount: 0.27, volts: 237, noiseFloorA: 0 };

/** The floor in force, in counts²: the measured one, else the old figure in amperes with no known spread. */
export function floorOf(cal: Calibration): { meanSquare: number; spread: number } {
  if (cal.floor) return cal.floor;
  const counts = cal.noiseFloorA / cal.ampsPerCount;
  return { meanSquare: counts * counts, spread: 0 };
}

/**
 * One window's current, for the gauge and the chart. Noise adds to the signal in
 * mean square, so the floor is removed there; a window below the floor shows 0 A.
 * Energy does not clip window by window (see energy/floor-energy.ts).
 */
export function currentFromRms(rmsCounts: number, cal: Calibration): number {
  const excess = rmsCounts * rmsCounts - floorOf(cal).meanSquare;
  return excess > 0 ? Math.sqrt(excess) * cal.ampsPerCount : 0;
}

/** Apparent power (VA, shown as W as the old system did): no phase information. */
export function powerFromCurrent(currentA: number, cal: Calibration): number {
  return currentA * cal.volts;
}
