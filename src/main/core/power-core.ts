import type { Reading, SourceState, Status } from '../../shared/contract';
import { type ChooseOptions, chooseSource } from '../acquisition/choose-source';
import { readingFromStats } from '../acquisition/reading';
import type { ReadingSettings } from '../acquisition/reading';
import { Sampler } from '../acquisition/sampler';
import { type Clock, systemClock } from '../acquisition/simulated-source';
import type { Config } from '../config/config-schema';
import { TimelineStamper } from '../acquisition/timeline-stamper';
import { openDatabase } from '../storage/database';
import { EnergyQuery } from '../storage/energy-query';
import { HistoryQuery } from '../storage/history-query';
import { ReadingStore } from '../storage/reading-store';
import { RawRetention } from '../storage/retention';
import { WriteQueue } from '../storage/write-queue';
import type { Handlers } from './dispatch';
import { EventHub } from './event-hub';

/** Rows deleted per flush at most: a few ms on a Pi, and 1000 rows/s of catch-up at the default flush. */
const RETENTION_STEP_ROWS = 2000;

export interface CoreOptions extends ChooseOptions {
  config: Config;
  dbPath: string;
  clock?: Clock;
  log?: (line: string) => void;
  /** Something the household should see, such as a config file that was not used. */
  extraNotice?: string | null;
}

/**
 * Everything but the doors: acquisition, storage, live events and the handler
 * functions. Electron's main process and `corcy-power serve` both run one of these.
 */
export class PowerCore {
  readonly hub = new EventHub();
  readonly store: ReadingStore;
  readonly handlers: Handlers;
  private readonly queue: WriteQueue;
  private readonly sampler: Sampler;
  private readonly retention: RawRetention;
  private readonly historyQuery: HistoryQuery;
  private readonly energyQuery: EnergyQuery;
  private readonly clock: Clock;
  private readonly sourceKind: Status['source'];
  private readonly notice: string | null;
  private config: Config;
  private last: Reading | null = null;
  private readonly log: (line: string) => void;

  constructor(o: CoreOptions) {
    this.config = o.config;
    this.clock = o.clock ?? systemClock;
    this.log = o.log ?? ((line) => console.log(line));
    const db = openDatabase(o.dbPath);
    this.store = new ReadingStore(db, {
      calibration: () => this.config.calibration,
      maxGapMs: () => this.config.storage.maxGapS * 1000,
      rawFrom: () => this.rawFrom(),
      timeZone: o.config.timeZone,
      log: this.log,
    });
    this.retention = new RawRetention(db);
    this.historyQuery = new HistoryQuery(db, {
      calibration: () => this.config.calibration,
      channel: () => this.config.source.channel,
      readingIntervalMs: () => this.config.source.windowMs,
      timeZone: o.config.timeZone,
    });
    this.energyQuery = new EnergyQuery(db, o.config.timeZone);
    this.queue = new WriteQueue({
      write: (rows) => {
        this.store.insert(rows);
        // Small steps after each batch: retention never holds up acquisition.
        this.retention.step(this.rawFrom(), RETENTION_STEP_ROWS);
      },
      flushIntervalMs: o.config.storage.flushIntervalMs,
      onError: (err, pending) => this.log(`storage: write failed, ${pending} readings kept for retry: ${(err as Error).message}`),
    });
    const chosen = chooseSource(o.config, { ...o, clock: this.clock });
    this.sourceKind = chosen.source.kind;
    this.notice = [o.extraNotice, chosen.notice].filter(Boolean).join(' · ') || null;
    this.sampler = new Sampler({
      source: chosen.source,
      deviceName: chosen.deviceName,
      clock: this.clock,
      settings: () => this.readingSettings(),
      stamper: new TimelineStamper(this.store.writer.lastT, this.log),
      onReading: (r) => this.accept(r),
      onState: (s) => this.stateChanged(s),
    });
    this.handlers = {
      getStatus: () => this.status(),
      getRecent: ({ minutes }) => this.recent(minutes),
      getHistory: ({ from, to, maxPoints }) => this.historyQuery.history(from, to, maxPoints),
      getEnergy: ({ from, to, per }) => this.energyQuery.energy(from, to, per),
    };
  }

  private rawFrom(): number {
    return this.clock.now() - this.config.storage.retentionDays * 86_400_000;
  }

  start(): void {
    if (this.notice) this.log(this.notice);
    this.queue.start();
    this.sampler.start();
  }

  async stop(): Promise<void> {
    await this.sampler.stop();
    this.queue.close();
    this.store.db.close();
  }

  private readingSettings(): ReadingSettings {
    const c = this.config;
    return {
      channel: c.source.channel,
      calibration: c.calibration,
      health: { midScale: c.health.midScale, maxDrift: c.health.maxDriftCounts },
    };
  }

  private accept(r: Reading): void {
    this.last = r;
    this.queue.enqueue(r);
    this.hub.publish({ type: 'reading', reading: r });
  }

  private stateChanged(s: SourceState): void {
    if (s.kind === 'error') this.log(`source: ${s.code} ${s.message}`);
    if (s.kind === 'ok') this.log(`source: ${this.sourceKind} reading`);
    this.hub.publish({ type: 'status', status: this.status() });
  }

  status(): Status {
    return {
      source: this.sourceKind,
      state: this.sampler.currentState,
      notice: this.notice,
      lastReading: this.last,
      display: {
        gaugeMaxW: this.config.display.gaugeMaxW,
        liveMinutes: this.config.display.liveMinutes,
        timeZone: this.config.timeZone,
      },
    };
  }

  /** Stored rows plus the batch not yet written, so a fresh window shows everything. */
  recent(minutes: number): Reading[] {
    const to = this.clock.now();
    const from = to - minutes * 60_000;
    const cal = this.config.calibration;
    const stored = this.store.range(from, to, cal);
    const newest = stored.at(-1)?.t ?? -Infinity;
    const pending = this.queue
      .pendingRows()
      .filter((r) => r.t > newest && r.t >= from)
      .map((r) => readingFromStats(r, r.t, r.flags, { channel: r.channel, calibration: cal }));
    return stored.concat(pending);
  }
}
