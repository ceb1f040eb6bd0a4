import type { Reading, SourceState } from '../../shared/contract';
import type { WindowTiming } from './acquisition-figures';
import { type AdcSource, toSourceError } from './adc-source';
import { type ReadingSettings, toReading } from './reading';
import type { Clock } from './simulated-source';
import { TimelineStamper } from './timeline-stamper';

interface Backoff {
  initialMs: number;
  maxMs: number;
}

const DEFAULT_BACKOFF: Backoff = { initialMs: 1000, maxMs: 30_000 };

export interface SamplerOptions {
  source: AdcSource;
  /** Read at the start of every window, so a new calibration applies at once. */
  settings: () => ReadingSettings;
  clock: Clock;
  backoff?: Backoff;
  onReading: (reading: Reading, processingMs: number, timing: WindowTiming) => void;
  onState: (state: SourceState) => void;
  /** Where the device lives, for error messages. */
  deviceName?: string;
  /** Stamps readings (wall + monotonic); by default one that starts from nothing stored. */
  stamper?: TimelineStamper;
}

/**
 * The acquisition loop. It never throws: a failing source is reported, closed,
 * and opened again after an exponential backoff, forever, until stop().
 */
export class Sampler {
  private stopped = false;
  private wake: (() => void) | null = null;
  private loop: Promise<void> | null = null;
  private state: SourceState = { kind: 'starting' };
  private readonly stamper: TimelineStamper;

  constructor(private readonly options: SamplerOptions) {
    this.stamper = options.stamper ?? new TimelineStamper(null, () => undefined);
  }

  get currentState(): SourceState {
    return this.state;
  }

  start(): void {
    if (!this.loop) this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.loop;
    await this.options.source.close().catch(() => undefined);
  }

  private setState(s: SourceState): void {
    if (s.kind === this.state.kind && s.kind !== 'error') return;
    this.state = s;
    this.options.onState(s);
  }

  private async run(): Promise<void> {
    const backoff = this.options.backoff ?? DEFAULT_BACKOFF;
    let delay = backoff.initialMs;
    let open = false;
    while (!this.stopped) {
      try {
        if (!open) {
          await this.options.source.open();
          open = true;
        }
        const begun = this.monotonic();
        const window = await this.options.source.readWindow();
        if (this.stopped) break;
        const wall = this.options.clock.now();
        const mono = this.monotonic();
        const stamp = this.stamper.stamp(wall, mono);
        // A source that timed its own window (on its bus) knows better than this loop.
        const timing = { samples: window.samples.length, spanMs: window.spanMs ?? mono - begun, ioctls: window.ioctls ?? null };
        const started = performance.now();
        const reading = { ...toReading(window, stamp.t, this.options.settings()), mono: stamp.mono };
        this.setState({ kind: 'ok' });
        delay = backoff.initialMs;
        this.options.onReading(reading, performance.now() - started, timing);
      } catch (err) {
        open = false;
        await this.options.source.close().catch(() => undefined);
        const e = toSourceError(err, this.options.deviceName ?? this.options.source.kind);
        this.setState({ kind: 'error', code: e.code, message: e.message, retryAt: this.options.clock.now() + delay });
        await this.pause(delay);
        delay = Math.min(delay * 2, backoff.maxMs);
      }
    }
  }

  private monotonic(): number {
    return this.options.clock.monotonic?.() ?? this.options.clock.now();
  }

  private pause(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      this.wake = resolve;
      void this.options.clock.sleep(ms).then(resolve);
    }).then(() => {
      this.wake = null;
    });
  }
}
