import { afterEach, describe, expect, it } from 'vitest';
import { type Calibration, DEFAULT_CALIBRATION } from '../../../src/main/acquisition/calibration';
import { floorFrom } from '../../../src/main/calibration/calibration-maths';
import { FloorEnergy, floorRule, windowEnergyMj } from '../../../src/main/energy/floor-energy';
import { MJ_PER_WH } from '../../../src/main/energy/span';
import { storeOn, tempDb } from '../../helpers/history-db';
import { START, simulatedWindows } from './simulated-truth';

const HOUR_WINDOWS = 7200;
const V = 237;

/** The expected rms² of an idle window: noise plus rounding to counts, as a population variance of 1000 samples. */
const trueFloor = (noise: number): number => ((noise * noise + 1 / 12) * 999) / 1000;

/** The floor in force: its level from the truth, its spread as the wizard's statistic measures it over a minute. */
function calibrated(noise: number): Calibration {
  const minute = floorFrom(simulatedWindows({ amps: 0, noiseCounts: noise, windows: 120, seed: 99 }));
  if (!minute.ok) throw new Error(minute.message);
  return { ampsPerCount: 0.27, volts: V, noiseFloorA: 0, floor: { meanSquare: trueFloor(noise), spread: minute.value.spread } };
}

const dbs: ReturnType<typeof tempDb>[] = [];
afterEach(() => dbs.splice(0).forEach((d) => d.close()));

/** An hour of windows through the real writer into a real file; the mean power of the hour rollup. */
function hourThroughWriter(cal: Calibration, amps: number, noise: number, seed: number): number {
  const t = tempDb();
  dbs.push(t);
  const store = storeOn(t.db, { calibration: () => cal });
  const windows = simulatedWindows({ amps, noiseCounts: noise, windows: HOUR_WINDOWS + 1, seed });
  // The first window has nothing before it: an hour of covered time follows.
  const rows = windows.map((w, i) => ({ t: START + i * 500, mono: i * 500, channel: 0, mean: 511.5, min: 500, max: 523, rms: w.rms, flags: 0 }));
  for (let i = 0; i < rows.length; i += 1000) store.insert(rows.slice(i, i + 1000));
  const e = t.db.prepare('SELECT sum(energy_mj) AS e, sum(covered_ms) AS c FROM rollup_hour').get() as { e: number; c: number };
  expect(e.c).toBe(HOUR_WINDOWS * 500);
  return e.e / MJ_PER_WH;
}

/** What clipping each window at the floor would have read: the rule this replaces. */
const clippedMeanW = (cal: Calibration, amps: number, noise: number, seed: number): number => {
  const ws = simulatedWindows({ amps, noiseCounts: noise, windows: HOUR_WINDOWS + 1, seed }).slice(1);
  return (ws.reduce((s, w) => s + Math.sqrt(Math.max(0, w.rms ** 2 - cal.floor!.meanSquare)), 0) / ws.length) * cal.ampsPerCount * V;
};

describe('floor-energy', () => {
  describe.each([1, 2])('on simulated truth with %i count(s) of noise', (noise) => {
    const cal = calibrated(noise);

    it('reads an unloaded clamp as at most 0.5 W averaged over hours, where clipping each window read over 5 W', () => {
      const hours = [7, 8, 9].map((seed) => hourThroughWriter(cal, 0, noise, seed));
      const mean = hours.reduce((a, b) => a + b, 0) / hours.length;
      expect(Math.abs(mean)).toBeLessThanOrEqual(0.5);
      // One hour alone moves with its own noise (about 0.6 W at 2 counts): never by watts.
      for (const w of hours) expect(Math.abs(w)).toBeLessThan(1.5);
      expect(clippedMeanW(cal, 0, noise, 7)).toBeGreaterThan(5);
    }, 120_000);

    it('reads a 0.1 A load within 5 % over an hour', () => {
      const truth = 0.1 * V;
      expect(Math.abs(hourThroughWriter(cal, 0.1, noise, 107) - truth) / truth).toBeLessThan(0.05);
    }, 120_000);
  });

  it('shows what clipping did to a 0.1 A load under 2 counts of noise: more than 5 % low', () => {
    const cal = calibrated(2);
    expect(clippedMeanW(cal, 0.1, 2, 107)).toBeLessThan(0.95 * 0.1 * V);
  }, 120_000);

  it('leaves energy as it was without a floor: each window its own power times its span', () => {
    const e = new FloorEnergy(DEFAULT_CALIBRATION);
    expect(e.add(10, 500)).toBe(Math.round(10 * 0.27 * V * 500));
    expect(e.add(0, 500)).toBe(0);
    expect(floorRule(DEFAULT_CALIBRATION).poolWindows).toBe(1);
  });

  it('hands out a pool as it grows, so its windows sum to the pooled energy whatever the batches', () => {
    const cal: Calibration = { ...DEFAULT_CALIBRATION, floor: { meanSquare: 4, spread: 0.18 } };
    const rule = floorRule(cal);
    expect(rule.poolWindows).toBe(Math.ceil((0.18 / ((0.1 / 0.27) ** 2 / 3)) ** 2));
    const e = new FloorEnergy(cal);
    const rms = [2.05, 1.97, 2.01, 2.03];
    const sum = rms.reduce((s, r) => s + e.add(r, 500), 0);
    const excess = rms.reduce((s, r) => s + r * r - 4, 0) / rms.length;
    expect(sum).toBe(Math.round(Math.sqrt(excess) * 0.27 * V * 2000));
  });

  it('counts a window below the floor as negative energy, and nothing across a gap', () => {
    const cal: Calibration = { ...DEFAULT_CALIBRATION, floor: { meanSquare: 4, spread: 0 } };
    expect(windowEnergyMj(cal, Math.sqrt(3), 500)).toBe(Math.round(-1 * 0.27 * V * 500));
    expect(windowEnergyMj(cal, Math.sqrt(5), -20_000)).toBe(0);
  });
});
