import { MCP3008_MAX_COUNT } from './mcp3008-protocol';
import { gaussian, mulberry32 } from './prng';

export interface WaveformOptions {
  mainsHz: number;
  /** Where the board biases the signal. */
  midScale: number;
  /** Amperes of rms current per count of rms, the truth the simulator inverts. */
  ampsPerCount: number;
  /** Standard deviation of the electronic noise, in counts. */
  noiseCounts: number;
}

// Harmonics of a household's current (switch-mode supplies, motors): amplitudes
// relative to the fundamental. Their total rms is normalised below.
const HARMONICS: readonly [order: number, amplitude: number, phase: number][] = [
  [1, 1, 0],
  [3, 0.18, 0.7],
  [5, 0.07, 1.9],
];
const RMS_OF_SHAPE = Math.sqrt(HARMONICS.reduce((s, [, a]) => s + (a * a) / 2, 0));

/** Peak over rms of the current's shape, found once numerically: where min and max of a window land. */
export const CREST_FACTOR = (() => {
  let peak = 0;
  for (let i = 0; i < 10_000; i++) {
    const x = (2 * Math.PI * i) / 10_000;
    let v = 0;
    for (const [order, a, phase] of HARMONICS) v += a * Math.sin(order * x + phase);
    peak = Math.max(peak, Math.abs(v));
  }
  return peak / RMS_OF_SHAPE;
})();

/**
 * Fills `out` with the counts an MCP3008 would read for a current of `currentA` rms,
 * sampled evenly from `startMs` over `windowMs`. Deterministic from `seed`.
 */
export function synthesizeWindow(out: Uint16Array, startMs: number, windowMs: number, currentA: (tMs: number) => number, seed: number, options: WaveformOptions): Uint16Array {
  const n = out.length;
  const rand = mulberry32((seed ^ Math.floor(startMs)) >>> 0);
  const dt = windowMs / n;
  // The load is constant within a window at these time scales; sample it once.
  const amp = currentA(startMs + windowMs / 2) / options.ampsPerCount / RMS_OF_SHAPE;
  const w = 2 * Math.PI * options.mainsHz;
  for (let i = 0; i < n; i++) {
    const t = (startMs + i * dt) / 1000;
    let v = 0;
    for (const [order, a, phase] of HARMONICS) v += a * Math.sin(order * w * t + phase);
    const count = Math.round(options.midScale + amp * v + options.noiseCounts * gaussian(rand));
    out[i] = count < 0 ? 0 : count > MCP3008_MAX_COUNT ? MCP3008_MAX_COUNT : count;
  }
  return out;
}
