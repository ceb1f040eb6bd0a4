import type { TimedReading } from './history-writer';

export interface WriteQueueOptions {
  write: (rows: readonly TimedReading[]) => void;
  flushIntervalMs: number;
  /** Rows kept while the disk refuses writes; the oldest go first past this. */
  maxPending?: number;
  onError?: (err: unknown, pending: number) => void;
  onFlush?: (rows: number, ms: number) => void;
  /** Called when writes start failing and when they succeed again. */
  onHealthChange?: (health: QueueHealth) => void;
  now?: () => number;
}

/** While writes fail: the last error, since when, and how many readings were dropped. */
export interface QueueFailure {
  error: unknown;
  since: number;
  dropped: number;
}

export interface QueueHealth {
  pending: number;
  maxPending: number;
  failure: QueueFailure | null;
}

const DEFAULT_MAX_PENDING = 100_000;

/**
 * Batches readings into one transaction every few seconds: one fsync per batch
 * instead of one per reading, which an SD card needs. A failed write keeps the
 * batch and tries again on the next tick; the failure is kept (health()) until a
 * write succeeds, so that the screen can say so, not only the log.
 */
export class WriteQueue {
  private pending: TimedReading[] = [];
  private timer: NodeJS.Timeout | null = null;
  private failure: QueueFailure | null = null;
  private readonly maxPending: number;

  constructor(private readonly options: WriteQueueOptions) {
    this.maxPending = options.maxPending ?? DEFAULT_MAX_PENDING;
  }

  start(): void {
    this.timer ??= setInterval(() => this.flush(), this.options.flushIntervalMs);
    this.timer.unref?.();
  }

  enqueue(r: TimedReading): void {
    this.pending.push(r);
    const over = this.pending.length - this.maxPending;
    if (over > 0) {
      this.pending.splice(0, over);
      if (this.failure) this.failure.dropped += over;
    }
  }

  pendingRows(): readonly TimedReading[] {
    return this.pending;
  }

  get size(): number {
    return this.pending.length;
  }

  health(): QueueHealth {
    return { pending: this.pending.length, maxPending: this.maxPending, failure: this.failure && { ...this.failure } };
  }

  flush(): boolean {
    if (this.pending.length === 0) return true;
    const batch = this.pending;
    this.pending = [];
    const started = performance.now();
    try {
      this.options.write(batch);
      this.options.onFlush?.(batch.length, performance.now() - started);
      if (this.failure) {
        this.failure = null;
        this.options.onHealthChange?.(this.health());
      }
      return true;
    } catch (err) {
      this.pending = batch.concat(this.pending);
      this.failure = { error: err, since: this.failure?.since ?? (this.options.now ?? Date.now)(), dropped: this.failure?.dropped ?? 0 };
      this.options.onError?.(err, this.pending.length);
      // Every failed flush: the count of waiting readings on screen moves on.
      this.options.onHealthChange?.(this.health());
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
