import type { TimedReading } from './history-writer';

/**
 * A batch of readings as columns of numbers: what the HistoryWriter consumes.
 * The live path fills it from a few reading objects; the backfill fills it
 * straight from window statistics, millions of rows without one object each.
 */
export class ReadingColumns {
  length = 0;
  readonly t: Float64Array;
  /** Monotonic ms; NaN when unknown. */
  readonly mono: Float64Array;
  readonly channel: Uint8Array;
  readonly mean: Float64Array;
  readonly min: Float64Array;
  readonly max: Float64Array;
  readonly rms: Float64Array;
  readonly flags: Uint32Array;

  constructor(readonly capacity: number) {
    this.t = new Float64Array(capacity);
    this.mono = new Float64Array(capacity);
    this.channel = new Uint8Array(capacity);
    this.mean = new Float64Array(capacity);
    this.min = new Float64Array(capacity);
    this.max = new Float64Array(capacity);
    this.rms = new Float64Array(capacity);
    this.flags = new Uint32Array(capacity);
  }

  get full(): boolean {
    return this.length === this.capacity;
  }

  push(t: number, mono: number, channel: number, mean: number, min: number, max: number, rms: number, flags: number): void {
    const i = this.length++;
    this.t[i] = t;
    this.mono[i] = mono;
    this.channel[i] = channel;
    this.mean[i] = mean;
    this.min[i] = min;
    this.max[i] = max;
    this.rms[i] = rms;
    this.flags[i] = flags;
  }

  static of(rows: readonly TimedReading[]): ReadingColumns {
    const c = new ReadingColumns(rows.length);
    for (const r of rows) c.push(r.t, r.mono ?? NaN, r.channel, r.mean, r.min, r.max, r.rms, r.flags);
    return c;
  }
}
