import type { TimedReading } from './history-writer';

export interface WriteQueueOptions {
  write(rows: readonly TimedReading[]): void;
  flushIntervalMs: number;
  /** Rows kept while the disk refuses writes; the oldest go first past this. */
  maxPending?: number;
  onError?(err: unknown, pending: number): void;
  onFlush?(rows: number, ms: number): void;
}

/**
 * Batches readings into one transaction every few seconds: one fsync per batch
 * instead of one per reading, which an SD card needs. A failed write keeps the
 * batch and tries again on the next tick.
 */
export class WriteQueue {
  private pending: TimedReading[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly options: WriteQueueOptions) {}

  start(): void {
    this.timer ??= setInterval(() => this.flush(), this.options.flushIntervalMs);
    this.timer.unref?.();
  }

  enqueue(r: TimedReading): void {
    this.pending.push(r);
    const max = this.options.maxPending ?? 100_000;
    if (this.pending.length > max) this.pending.splice(0, this.pending.length - max);
  }

  pendingRows(): readonly TimedReading[] {
    return this.pending;
  }

  get size(): number {
    return this.pending.length;
  }

  flush(): boolean {
    if (this.pending.length === 0) return true;
    const batch = this.pending;
    this.pending = [];
    const started = performance.now();
    try {
      this.options.write(batch);
      this.options.onFlush?.(batch.length, performance.now() - started);
      return true;
    } catch (err) {
      this.pending = batch.concat(this.pending);
      this.options.onError?.(err, this.pending.length);
      return false;
    }
  }

  /** Stops the timer and writes what is left. */
  close(): boolean {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    return this.flush();
  }
}
