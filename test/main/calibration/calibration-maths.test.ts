import { describe, expect, it } from 'vitest';
import { ampsPerCountFrom, floorFrom, knownAmps, loadFrom } from '../../../src/main/calibration/calibration-maths';
import { robustSummary } from '../../../src/main/calibration/robust-stats';
import { simulatedWindows } from '../energy/simulated-truth';

const trueFloor = (noise: number): number => ((noise * noise + 1 / 12) * 999) / 1000;

describe('robustSummary()', () => {
  it('sets a few wild values aside and averages the rest', () => {
    const values = [...Array.from({ length: 100 }, (_, i) => 4 + (i % 10) * 0.01), 400, 90];
    const s = robustSummary(values);
    expect(s.outliers).toBe(2);
    expect(s.mean).toBeCloseTo(4.045, 9);
    expect(s.spread).toBeGreaterThan(0);
  });
});

describe('floorFrom()', () => {
  it.each([1, 2])('finds the expected rms² of an idle window within its standard error, with %i count(s) of noise, from a minute', (noise) => {
    const f = floorFrom(simulatedWindows({ amps: 0, noiseCounts: noise, windows: 120, seed: 5 }));
    if (!f.ok) throw new Error(f.message);
    const stdErr = f.value.spread / Math.sqrt(f.value.windows);
    expect(Math.abs(f.value.meanSquare - trueFloor(noise))).toBeLessThan(4 * stdErr);
    // One window of n samples: sigma² sqrt(2 / n).
    expect(f.value.spread / (trueFloor(noise) * Math.sqrt(2 / 1000))).toBeGreaterThan(0.7);
    expect(f.value.spread / (trueFloor(noise) * Math.sqrt(2 / 1000))).toBeLessThan(1.4);
  });

  it('ignores a door slammed once, and refuses a recording during which something stayed on', () => {
    const idle = simulatedWindows({ amps: 0, noiseCounts: 1, windows: 120, seed: 6 });
    const slam = idle.map((w, i) => (i === 50 ? { rms: 30, flags: 0 } : w));
    const once = floorFrom(slam);
    expect(once.ok && once.value.windows).toBe(120);
    expect(once.ok && Math.abs(once.value.meanSquare - trueFloor(1)) < 0.05).toBe(true);
    const fridge = [...idle.slice(0, 90), ...simulatedWindows({ amps: 0.5, noiseCounts: 1, windows: 30, seed: 7 })];
    expect(floorFrom(fridge)).toMatchObject({ ok: false, reason: 'unsteady' });
  });

  it('refuses a clamp that is still on a live wire, and clipped windows are not counted', () => {
    expect(floorFrom(simulatedWindows({ amps: 5, noiseCounts: 1, windows: 120, seed: 8 }))).toMatchObject({ ok: false, reason: 'not_idle' });
    expect(
      floorFrom([
        { rms: 1, flags: 2 },
        { rms: 1, flags: 2 },
      ]),
    ).toMatchObject({ ok: false, reason: 'too_short' });
  });
});

describe('ampsPerCountFrom()', () => {
  it('gives back the board the windows came from, from one kettle or from several loads', () => {
    const floorMs = trueFloor(1);
    const point = (amps: number, seed: number) => {
      const m = loadFrom(simulatedWindows({ amps, noiseCounts: 1, windows: 20, seed }), floorMs);
      if (!m.ok) throw new Error(m.message);
      return { amps, meanSquare: m.value.meanSquare };
    };
    // simulated-truth's board is 0.27 A per count.
    expect(ampsPerCountFrom([point(8.44, 1)], floorMs)).toBeCloseTo(0.27, 3);
    expect(ampsPerCountFrom([point(4, 2), point(8.44, 3), point(12, 4)], floorMs)).toBeCloseTo(0.27, 3);
  });

  it('refuses a load lost in the noise, and one that wandered', () => {
    expect(loadFrom(simulatedWindows({ amps: 0.2, noiseCounts: 2, windows: 20, seed: 1 }), trueFloor(2))).toMatchObject({ ok: false, reason: 'below_floor' });
    const thermostat = [...simulatedWindows({ amps: 8, noiseCounts: 1, windows: 10, seed: 2 }), ...simulatedWindows({ amps: 4, noiseCounts: 1, windows: 10, seed: 3 })];
    expect(loadFrom(thermostat, trueFloor(1)).ok).toBe(false);
  });

  it('turns a nameplate into amps at the mains voltage, and takes a clamp meter as it reads', () => {
    expect(knownAmps({ kind: 'watts', watts: 2370 }, 237)).toBeCloseTo(10, 12);
    expect(knownAmps({ kind: 'amps', amps: 8.2 }, 237)).toBe(8.2);
  });
});
