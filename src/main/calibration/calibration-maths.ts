import type { LoadPoint } from '../../shared/calibration-schema';
import { robustSummary } from './robust-stats';

// The wizard's three measurements, as pure functions of recorded windows.

/** A recording is refused when more than this share of its windows are outliers: something switched on or off. */
const MAX_OUTLIER_SHARE = 0.1;
/** A load recording whose windows wander by more than this (relative spread of rms²) was not a steady load. */
const MAX_LOAD_WOBBLE = 0.05;
/** An idle clamp above this (counts rms) is not idle: about 2 A at the default calibration. */
const MAX_IDLE_RMS = 8;

export type Measured<T> = { ok: true; value: T } | { ok: false; reason: 'unsteady' | 'not_idle' | 'below_floor' | 'too_short'; message: string };

export interface WindowSample {
  /** The window's rms in counts. */
  rms: number;
  /** Health flags: a clipped or drifting window says nothing about the floor. */
  flags: number;
}

export interface Summary {
  meanSquare: number;
  spread: number;
  windows: number;
}

function summarise(windows: readonly WindowSample[]): Measured<Summary> {
  const good = windows.filter((w) => w.flags === 0).map((w) => w.rms * w.rms);
  if (good.length < 2) return { ok: false, reason: 'too_short', message: 'too few healthy windows recorded' };
  const s = robustSummary(good);
  if (s.outliers > MAX_OUTLIER_SHARE * good.length) {
    return { ok: false, reason: 'unsteady', message: `${s.outliers} of ${good.length} windows stood out: something switched on or off` };
  }
  return { ok: true, value: { meanSquare: s.mean, spread: s.spread, windows: good.length } };
}

/** Step 1: the noise floor from idle windows. */
export function floorFrom(windows: readonly WindowSample[]): Measured<Summary> {
  const s = summarise(windows);
  if (s.ok && Math.sqrt(s.value.meanSquare) > MAX_IDLE_RMS) {
    return { ok: false, reason: 'not_idle', message: `${Math.sqrt(s.value.meanSquare).toFixed(1)} counts rms: current is flowing, unclip the clamp` };
  }
  return s;
}

/** Step 2: a steady known load's mean square. */
export function loadFrom(windows: readonly WindowSample[], floorMs: number): Measured<Summary> {
  const s = summarise(windows);
  if (!s.ok) return s;
  if (s.value.spread > MAX_LOAD_WOBBLE * s.value.meanSquare) {
    return { ok: false, reason: 'unsteady', message: 'the load was not steady: a thermostat or a motor? Try a kettle or a heater' };
  }
  // A load must stand well clear of the floor, or its figure is mostly noise.
  if (s.value.meanSquare - floorMs < 25 * Math.max(s.value.spread, 1e-6)) {
    return { ok: false, reason: 'below_floor', message: 'the load is too small to measure against the noise: use 1 kW or more' };
  }
  return s;
}

/**
 * The nameplate's watts at the mains voltage in force, or the clamp meter's amps.
 * (A resistive load drawn at another voltage than its label's draws other watts:
 * the clamp meter's amps are the better figure when there is one.)
 */
export const knownAmps = (known: LoadPoint['known'], volts: number): number => (known.kind === 'amps' ? known.amps : known.watts / volts);

/**
 * ampsPerCount through every point: I = a * sqrt(ms - floor), least squares
 * through the origin on x = sqrt(ms - floor), so heavier loads weigh more.
 */
export function ampsPerCountFrom(points: readonly Pick<LoadPoint, 'amps' | 'meanSquare'>[], floorMs: number): number {
  let xy = 0;
  let xx = 0;
  for (const p of points) {
    const x = Math.sqrt(Math.max(0, p.meanSquare - floorMs));
    xy += x * p.amps;
    xx += x * x;
  }
  if (!(xx > 0)) throw new RangeError('no load point above the floor');
  return xy / xx;
}
