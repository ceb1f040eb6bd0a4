import { readFileSync } from 'node:fs';
import type { AdcSource, SampleWindow } from './adc-source';
import { loadAt } from './load-profile';
import { type WaveformOptions, synthesizeWindow } from './waveform';

export interface SimulatedOptions extends WaveformOptions {
  samples: number;
  windowMs: number;
  seed: number;
  volts: number;
  /** A file holding a load in watts, read at every window, instead of the household (tests). */
  loadFile?: string | undefined;
}

export interface Clock {
  now: () => number;
  /** Monotonic ms (never jumps); the wall clock stands in when a clock has none. */
  monotonic?: () => number;
  sleep: (ms: number) => Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  monotonic: () => performance.now(),
  sleep: (ms) => new Promise((r) => setTimeout(r, Math.max(0, ms))),
};

/** The true rms current of the simulated house at an instant. */
export const simulatedCurrent = (tMs: number, seed: number, volts: number): number => loadAt(tMs, seed).total / volts;

/** A known load switched by a test: the watts in `file` (none while it does not exist). */
function loadFromFile(file: string): number {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw err;
  }
  const watts = Number(text.trim());
  if (!Number.isFinite(watts) || watts < 0) throw new Error(`${file}: expected a load in watts, got ${JSON.stringify(text.trim())}`);
  return watts;
}

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

  /** Paced by the monotonic clock: a wall clock set back an hour must not make the source sleep an hour. */
  private mono(): number {
    return this.clock.monotonic?.() ?? this.clock.now();
  }

  open(): Promise<void> {
    this.next = this.mono();
    return Promise.resolve();
  }

  async readWindow(): Promise<SampleWindow> {
    // After a stall (a suspended laptop, a long GC) start afresh rather than catch up.
    const now = this.mono();
    if (now - this.next > this.options.windowMs * 4) this.next = now;
    this.next += this.options.windowMs;
    await this.clock.sleep(this.next - this.mono());
    // The household's load follows the wall clock (the kettle at breakfast), whatever it says.
    const end = this.clock.now();
    const file = this.options.loadFile;
    const fixed = file === undefined ? null : loadFromFile(file) / this.options.volts;
    const current = fixed === null ? (t: number) => simulatedCurrent(t, this.options.seed, this.options.volts) : () => fixed;
    synthesizeWindow(this.out, end - this.options.windowMs, this.options.windowMs, current, this.options.seed, this.options);
    // The samples span exactly one window of simulated time, however late the timer fired.
    return { samples: this.out, lost: 0, spanMs: this.options.windowMs };
  }

  async close(): Promise<void> {}
}
