import { describe, expect, it } from 'vitest';
import { DEFAULT_CALIBRATION } from '../../../src/main/acquisition/calibration';
import { DEFAULT_HEALTH } from '../../../src/main/acquisition/health';
import { loadAt } from '../../../src/main/acquisition/load-profile';
import { toReading } from '../../../src/main/acquisition/reading';
import { type Clock, SimulatedSource, simulatedCurrent } from '../../../src/main/acquisition/simulated-source';
import { synthesizeWindow } from '../../../src/main/acquisition/waveform';
import { windowStats } from '../../../src/main/acquisition/window-stats';

const wave = { mainsHz: 50, midScale: 511.5, ampsPerCount: 0.27, noiseCounts: 0.6 };
// Electronic noise plus quantisation, in amperes: what the noise floor setting is for.
const floorA = Math.sqrt(0.6 ** 2 + 1 / 12) * 0.27;

function manualClock(start: number): Clock & { t: number } {
  const c = {
    t: start,
    now: () => c.t,
    sleep: (ms: number) => {
      c.t += Math.max(0, ms);
      return Promise.resolve();
    },
  };
  return c;
}

describe('load-profile', () => {
  it('is deterministic from the seed and differs between seeds', () => {
    const t = Date.UTC(2026, 0, 14, 7, 30);
    expect(loadAt(t, 7)).toEqual(loadAt(t, 7));
    const day = Array.from({ length: 24 * 60 }, (_, m) => loadAt(Date.UTC(2026, 0, 14) + m * 60_000, 1).total);
    const other = Array.from({ length: 24 * 60 }, (_, m) => loadAt(Date.UTC(2026, 0, 14) + m * 60_000, 2).total);
    expect(day).not.toEqual(other);
  });

  it('has a household shape: a base load, a fridge cycling, a kettle and an oven in a week', () => {
    const week = Array.from({ length: 7 * 24 * 60 }, (_, m) => loadAt(Date.UTC(2026, 0, 12) + m * 60_000, 1));
    expect(Math.min(...week.map((l) => l.total))).toBeGreaterThan(100);
    expect(week.some((l) => l.fridge > 0) && week.some((l) => l.fridge === 0)).toBe(true);
    expect(week.filter((l) => l.kettle > 0).length).toBeGreaterThanOrEqual(7 * 2 * 3 - 2);
    expect(week.some((l) => l.oven > 0)).toBe(true);
    expect(Math.max(...week.map((l) => l.total))).toBeGreaterThan(2000);
  });
});

describe('synthesizeWindow()', () => {
  it('produces samples whose rms gives back the true current through the calibration', () => {
    const cal = { ...DEFAULT_CALIBRATION, noiseFloorA: floorA };
    const out = new Uint16Array(1000);
    for (const watts of [0, 150, 600, 2300, 6000]) {
      synthesizeWindow(out, 1_790_000_000_000, 500, () => watts / 237, 3, wave);
      const r = toReading({ samples: out, lost: 0 }, 0, { channel: 0, calibration: cal, health: DEFAULT_HEALTH });
      if (watts === 0) expect(r.powerW).toBeLessThan(25);
      else expect(Math.abs(r.powerW - watts) / watts).toBeLessThan(watts < 200 ? 0.12 : 0.02);
      expect(r.flags).toBe(0);
    }
  });

  it('centres the signal on mid-scale and clips like the ADC when the peaks leave 0..1023', () => {
    const out = new Uint16Array(1000);
    const s = windowStats(synthesizeWindow(out, 0, 500, () => 2, 1, wave));
    expect(Math.abs(s.mean - 511.5)).toBeLessThan(0.5);
    const clipped = windowStats(synthesizeWindow(out, 0, 500, () => 150, 1, wave));
    expect([clipped.min, clipped.max]).toEqual([0, 1023]);
  });

  it('is deterministic for a seed and window start', () => {
    const a = synthesizeWindow(new Uint16Array(1000), 123_000, 500, () => 5, 9, wave);
    const b = synthesizeWindow(new Uint16Array(1000), 123_000, 500, () => 5, 9, wave);
    expect([...a]).toEqual([...b]);
  });
});

describe('SimulatedSource', () => {
  it('delivers one window per windowMs of clock time, following the load profile', async () => {
    const start = Date.UTC(2026, 0, 14, 7, 0);
    const clock = manualClock(start);
    const src = new SimulatedSource({ samples: 1000, windowMs: 500, seed: 4, volts: 237, ...wave }, clock);
    await src.open();
    const cal = { ...DEFAULT_CALIBRATION, noiseFloorA: floorA };
    for (let i = 0; i < 10; i++) {
      const w = await src.readWindow();
      expect(clock.t).toBe(start + (i + 1) * 500);
      expect(w.spanMs).toBe(500);
      const r = toReading(w, clock.t, { channel: 0, calibration: cal, health: DEFAULT_HEALTH });
      const truth = simulatedCurrent(clock.t - 250, 4, 237);
      expect(Math.abs(r.currentA - truth) / truth).toBeLessThan(0.1);
    }
  });

  it('keeps one window per windowMs when the wall clock jumps an hour ahead and back (paced by the monotonic clock)', async () => {
    // clock_gettime(CLOCK_REALTIME) jumps when NTP or a user sets the time; CLOCK_MONOTONIC does not.
    const c = { wall: Date.UTC(2026, 0, 14, 7, 0), mono: 1000 };
    const clock: Clock = {
      now: () => c.wall,
      monotonic: () => c.mono,
      sleep: (ms) => {
        c.mono += Math.max(0, ms);
        c.wall += Math.max(0, ms);
        return Promise.resolve();
      },
    };
    const src = new SimulatedSource({ samples: 100, windowMs: 500, seed: 4, volts: 237, ...wave }, clock);
    await src.open();
    const monoPerWindow: number[] = [];
    for (let i = 0; i < 12; i++) {
      if (i === 3) c.wall += 3_600_000;
      if (i === 6) c.wall -= 3_600_000;
      const before = c.mono;
      await src.readWindow();
      monoPerWindow.push(c.mono - before);
    }
    expect(monoPerWindow).toEqual(Array(12).fill(500));
  });
});
