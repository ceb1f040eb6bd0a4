import type { Calibration } from '../src/main/acquisition/calibration';
import { floorFrom } from '../src/main/calibration/calibration-maths';
import { FloorEnergy } from '../src/main/energy/floor-energy';
import { simulatedWindows } from '../test/main/energy/simulated-truth';
import { fmt, summarize, timeRuns } from './stats';

const V = 237;
const A = 0.27;
const HOUR = 7200;

/** The rule this replaces: each window clipped at the floor before integrating. */
const clippedW = (rms: readonly number[], floorMs: number): number => (rms.reduce((s, r) => s + Math.sqrt(Math.max(0, r * r - floorMs)), 0) / rms.length) * A * V;

const floorRuleW = (rms: readonly number[], cal: Calibration): number => {
  const e = new FloorEnergy(cal);
  let mj = 0;
  for (const r of rms) mj += e.add(r, 500);
  return mj / (rms.length * 500);
};

/**
 * The floor rule against clipping, on an hour of simulated truth (1 and 2 counts
 * of noise; floor measured over a minute by the wizard's statistic, and the
 * truth's), and its cost per window against the clipped pass in the same run.
 */
export function run(): string[] {
  const out: string[] = [];
  for (const noise of [1, 2]) {
    const minute = floorFrom(simulatedWindows({ amps: 0, noiseCounts: noise, windows: 120, seed: 99 }));
    if (!minute.ok) throw new Error(minute.message);
    const truth = ((noise * noise + 1 / 12) * 999) / 1000;
    for (const [name, floorMs] of [
      ['truth', truth],
      ['1 min', minute.value.meanSquare],
    ] as const) {
      const cal: Calibration = { ampsPerCount: A, volts: V, noiseFloorA: 0, floor: { meanSquare: floorMs, spread: minute.value.spread } };
      for (const amps of [0, 0.1]) {
        const rms = simulatedWindows({ amps, noiseCounts: noise, windows: HOUR, seed: 7 }).map((w) => w.rms);
        out.push(
          `${noise} count(s) of noise, floor from ${name}, ${amps} A (${fmt(amps * V, 1)} W true): floor rule ${fmt(floorRuleW(rms, cal))} W, clipping each window ${fmt(clippedW(rms, floorMs))} W`,
        );
      }
    }
  }
  const cal: Calibration = { ampsPerCount: A, volts: V, noiseFloorA: 0, floor: { meanSquare: 4.08, spread: 0.18 } };
  const rms = simulatedWindows({ amps: 0.1, noiseCounts: 2, windows: HOUR, seed: 7 }).map((w) => w.rms);
  const rule = summarize(timeRuns(50, () => floorRuleW(rms, cal)));
  const clip = summarize(timeRuns(50, () => clippedW(rms, 4.08)));
  out.push(
    `cost per window: floor rule ${fmt((rule.median / HOUR) * 1e6, 1)} ns, clipped pass ${fmt((clip.median / HOUR) * 1e6, 1)} ns (ratio ${fmt(rule.median / clip.median, 1)}x)`,
  );
  return out;
}
