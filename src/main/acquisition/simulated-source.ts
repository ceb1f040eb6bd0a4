import type { AdcSource, SampleWindow } from './adc-source';
import { loadAt } from './load-profile';
import { type WaveformOptions, synthesizeWindow } from './waveform';

export interface SimulatedOptions extends WaveformOptions {
  samples: number;
  windowMs: number;
  seed: number;
  volts: number;
}

export interface Clock {
  now(): number;
  /** Monotonic ms (never jumps); the wall clock stands in when a clock has none. */
  monotonic?(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  monotonic: () => performance.now(),
  sleep: (ms) => new Promise((r) => setTimeout(r, Math.max(0, ms))),
};

/** The true rms current of the simulated house at an instant. */
export const simulatedCurrent = (tMs: number, seed: number, volts: number): number => loadAt(tMs, seed).total / volts;

/**
 * Produces samples, not readings, in real time: a window resolves when its time
 * has passed, like the bus would, so everything downstream runs as on the Pi.
 */
export class SimulatedSource implements AdcSource {
  readonly kind = 'simulated' as const;
  private readonly out: Uint16Array;
  private next = 0;

  constructor(
    private readonly options: SimulatedOptions,
    private readonly clock: Clock = systemClock,
  ) {
    this.out = new Uint16Array(options.samples);
  }

  async open(): Promise<void> {
    this.next = this.clock.now();
  }

  async readWindow(): Promise<SampleWindow> {
    // After a stall (a suspended laptop, a long GC) start afresh rather than catch up.
    const now = this.clock.now();
    if (now - this.next > this.options.windowMs * 4) this.next = now;
    const start = this.next;
    this.next = start + this.options.windowMs;
    await this.clock.sleep(this.next - this.clock.now());
    synthesizeWindow(this.out, start, this.options.windowMs, (t) => simulatedCurrent(t, this.options.seed, this.options.volts), this.options.seed, this.options);
    // The samples span exactly one window of simulated time, however late the timer fired.
    return { samples: this.out, lost: 0, spanMs: this.options.windowMs };
  }

  async close(): Promise<void> {}
}
