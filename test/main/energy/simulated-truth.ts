import { synthesizeWindow } from '../../../src/main/acquisition/waveform';
import { windowStats } from '../../../src/main/acquisition/window-stats';
import type { WindowSample } from '../../../src/main/calibration/calibration-maths';

// Windows of a clamp with a known load and a known noise, sample by sample as
// the simulator makes them (harmonics, rounding to counts, clipping).

const TRUE_AMPS_PER_COUNT = 0.27;
export const START = Date.UTC(2026, 9, 1);

const made = new Map<string, WindowSample[]>();

/** Windows 500 ms long; the same arguments give the same (cached) windows, as synthesis is the slow part. */
export function simulatedWindows(o: { amps: number; noiseCounts: number; windows: number; seed: number }): WindowSample[] {
  const key = JSON.stringify(o);
  const cached = made.get(key);
  if (cached) return cached;
  const windowMs = 500;
  const wave = { mainsHz: 50, midScale: 511.5, ampsPerCount: TRUE_AMPS_PER_COUNT, noiseCounts: o.noiseCounts };
  const out = new Uint16Array(1000);
  const windows: WindowSample[] = [];
  for (let i = 0; i < o.windows; i++) {
    synthesizeWindow(out, START + i * windowMs, windowMs, () => o.amps, o.seed, wave);
    windows.push({ rms: windowStats(out).rms, flags: 0 });
  }
  made.set(key, windows);
  return windows;
}
