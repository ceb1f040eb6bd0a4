import { describe, expect, it } from 'vitest';
import type { Reading, SourceState } from '../../../src/shared/contract';
import { Flag } from '../../../src/shared/flags';
import { DEFAULT_CALIBRATION } from '../../../src/main/acquisition/calibration';
import { DEFAULT_HEALTH } from '../../../src/main/acquisition/health';
import type { WindowTiming } from '../../../src/main/acquisition/acquisition-figures';
import { Mcp3008Source } from '../../../src/main/acquisition/mcp3008-source';
import { Sampler } from '../../../src/main/acquisition/sampler';
import { systemClock } from '../../../src/main/acquisition/simulated-source';
import { until } from '../../helpers/until';
import { sineSignal } from '../../helpers/clamp-signals';
import { ERRORS, FakeSpiDevice, fakeOpener } from '../../helpers/fake-spidev';

function rig(status: 'present' | 'ENOENT' | 'EACCES') {
  const dev = new FakeSpiDevice({ signal: sineSignal(100, 511.5) });
  const state = { status };
  const opener = fakeOpener(() => dev, state);
  // A short window so the test runs quickly; the model's bus runs on its own clock and does not wait.
  const source = new Mcp3008Source({ bus: 0, device: 0, channel: 0, samples: 200, windowMs: 100, speedHz: 500_000, opener, monotonicMs: dev.nowMs });
  const readings: Reading[] = [];
  const timings: WindowTiming[] = [];
  const states: SourceState[] = [];
  /** When each state was announced, to read the delay it plans. */
  const announcedAt: number[] = [];
  const sampler = new Sampler({
    source,
    clock: systemClock,
    backoff: { initialMs: 5, maxMs: 40 },
    settings: () => ({ channel: 0, calibration: DEFAULT_CALIBRATION, health: DEFAULT_HEALTH }),
    onReading: (r, _ms, timing) => {
      readings.push(r);
      timings.push(timing);
    },
    onState: (s) => {
      states.push(s);
      announcedAt.push(Date.now());
    },
    deviceName: '/dev/spidev0.0',
  });
  return { dev, state, opener, sampler, readings, timings, states, announcedAt };
}

describe('Sampler', () => {
  it('turns windows into readings stamped with the wall-clock time the window ended', async () => {
    const { sampler, readings, states } = rig('present');
    const before = Date.now();
    sampler.start();
    await until(() => readings.length >= 5);
    await sampler.stop();
    expect(states[0]).toEqual({ kind: 'ok' });
    for (const r of readings) {
      expect(r.t).toBeGreaterThanOrEqual(before);
      expect(r.rms).toBeCloseTo(100 / Math.SQRT2, 0);
      expect(r.powerW).toBeCloseTo(r.currentA * 237, 9);
    }
  });

  it('passes on how long each window lasted on the bus and in how many ioctls', async () => {
    const { sampler, readings, timings } = rig('present');
    sampler.start();
    await until(() => readings.length >= 6);
    await sampler.stop();
    // 200 conversions fit one ioctl on this machine's kernel at the default bufsiz;
    // the pacer brings the model's 100 ms windows within 1 %.
    for (const t of timings.slice(4)) {
      expect(t.samples).toBe(200);
      expect(t.ioctls).toBeGreaterThanOrEqual(1);
      expect(Math.abs(t.spanMs - 100)).toBeLessThan(1);
    }
  });

  it('survives a missing device, says why, backs off, and recovers when it appears', async () => {
    const { sampler, readings, states, state, opener } = rig('ENOENT');
    sampler.start();
    await until(() => opener.opens >= 3);
    expect(readings).toHaveLength(0);
    const errors = states.filter((s) => s.kind === 'error');
    expect(errors.length).toBeGreaterThanOrEqual(2);
    expect(errors[0]).toMatchObject({ kind: 'error', code: 'ENOENT' });
    state.status = 'present';
    await until(() => readings.length >= 2);
    expect(states.at(-1)).toEqual({ kind: 'ok' });
    await sampler.stop();
  });

  it('doubles its backoff up to the maximum', async () => {
    const { sampler, states, announcedAt, opener } = rig('EACCES');
    sampler.start();
    await until(() => opener.opens >= 6);
    await sampler.stop();
    // The delay each error state plans, as announced: the gaps between retries as
    // they happen would measure the machine's load, not the backoff.
    const planned = states.flatMap((s, i) => (s.kind === 'error' ? [s.retryAt - announcedAt[i]!] : []));
    expect(planned.slice(0, 5).map((ms) => Math.round(ms / 5) * 5)).toEqual([5, 10, 20, 40, 40]);
  });

  it('recovers from an I/O error in the middle of a run', async () => {
    const { sampler, readings, states, dev, opener } = rig('present');
    sampler.start();
    await until(() => readings.length >= 2);
    dev.failNext(ERRORS.EIO());
    await until(() => states.some((s) => s.kind === 'error'));
    const n = readings.length;
    await until(() => readings.length >= n + 2);
    expect(opener.opens).toBe(2);
    await sampler.stop();
  });

  it('flags a loose board without stopping', async () => {
    const { sampler, readings, dev } = rig('present');
    sampler.start();
    await until(() => readings.length >= 1);
    dev.fault = 'pinned-low';
    await until(() => readings.some((r) => r.flags & Flag.ClipLow));
    await sampler.stop();
    expect(readings.at(-1)!.flags & Flag.Drift).toBeTruthy();
  });
});
