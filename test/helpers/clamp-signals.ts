import { gaussian, mulberry32 } from '../../src/main/acquisition/prng';
import type { Signal } from './mcp3008-chip';

// Analog inputs for the MCP3008 model, as functions of time, so that what the
// acquisition reads can be checked against what was fed in.

/** A pure sine of `amplitude` counts around `mid`. */
export const sineSignal =
  (amplitude: number, mid: number, hz = 50): Signal =>
  (tUs) =>
    mid + amplitude * Math.sin(2 * Math.PI * hz * (tUs / 1e6));

export interface ClampOptions {
  /** rms current through the clamp. */
  amps: number;
  ampsPerCount: number;
  /** Standard deviation of the board's noise, in counts. */
  noiseCounts: number;
  mid?: number;
  mainsHz?: number;
  seed?: number;
}

/**
 * An SCT-013 on the acquisition board: a sine of `amps` rms (amps / ampsPerCount
 * counts rms) around mid-scale, plus Gaussian noise. The noise is drawn once per
 * call, as the chip samples once per conversion.
 */
export function clampSignal(o: ClampOptions): Signal {
  const rand = mulberry32(o.seed ?? 7);
  const peak = (o.amps / o.ampsPerCount) * Math.SQRT2;
  const mid = o.mid ?? 511.5;
  const w = 2 * Math.PI * (o.mainsHz ?? 50);
  return (tUs) => mid + peak * Math.sin(w * (tUs / 1e6)) + o.noiseCounts * gaussian(rand);
}
