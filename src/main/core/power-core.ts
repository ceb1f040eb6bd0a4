import { type AcquisitionFigures, MAX_QUERY_RANGE_MS, type Reading, type SourceState, type Status } from '../../shared/contract';
import { type WindowTiming, acquisitionFigures, figuresChanged } from '../acquisition/acquisition-figures';
import { type ChooseOptions, chooseSource } from '../acquisition/choose-source';
import { readingFromStats, readingSettingsOf } from '../acquisition/reading';
import { Sampler } from '../acquisition/sampler';
import { type Clock, systemClock } from '../acquisition/simulated-source';
import type { Config } from '../config/config-schema';
import { TimelineStamper } from '../acquisition/timeline-stamper';
import { openDatabase } from '../storage/database';
import { EnergyQuery } from '../energy/energy-query';
import { HistoryQuery } from '../storage/history-query';
import { HistoryWriter } from '../storage/history-writer';
import { ReadingStore } from '../storage/reading-store';
import { rebuildDayRollups } from '../storage/day-rollup-rebuild';
import { RawRetention } from '../storage/retention';
import { storageStatus } from '../storage/storage-failure';
import { WriteQueue } from '../storage/write-queue';
import { defaultConfigPath } from '../config/paths';
import type { DestinationOptions } from '../export/destination';
import type { CommandRunner } from '../export/eject';
import type { Handlers } from './dispatch';
import { EventHub } from './event-hub';
import { createKioskServices } from './kiosk-services';
import { requestRange } from './request-range';
import { displayStatus } from './display-status';
import { createCoreMqtt } from '../mqtt/core-mqtt';

/** Rows deleted per flush at most: a few ms on a Pi, and 1000 rows/s of catch-up at the default flush. */
const RETENTION_STEP_ROWS = 2000;

export interface CoreOptions extends ChooseOptions {
  config: Config;
  dbPath: string;
  clock?: Clock;
  log?: (line: string) => void;
  /** Something the household should see, such as a config file that was not used. */
  extraNotice?: string | null;
  /** Where the settings screen saves; default $XDG_CONFIG_HOME/corcy-power/config.json. */
  configPath?: string;
  /** USB stick detection and export folder (fake mounts in tests). */
  media?: DestinationOptions;
  /** Prefix of /sys for the backlight (a fake tree in tests). */
  sysRoot?: string;
  /** Runs udisksctl / eject (a fake in tests). */
  run?: CommandRunner;
}

/**
 * Everything but the doors: acquisition, storage, live events and the handler
 * functions. Electron's main process and `corcy-power serve` both run one of these.
 */
export class PowerCore {
  readonly hub = new EventHub();
  readonly store: ReadingStore;
  /** The one writer of readings and rollups. */
  readonly writer: HistoryWriter;
  readonly handlers: Handlers;
  private readonly queue: WriteQueue;
  private readonly sampler: Sampler;
  private readonly retention: RawRetention;
  private readonly historyQuery: HistoryQuery;
  private readonly energyQuery: EnergyQuery;
  private readonly clock: Clock;
  private readonly dbPath: string;
  private readonly sourceKind: Status['source'];
  private readonly notice: string | null;
  private config: Config;
  private last: Reading | null = null;
  private figures: AcquisitionFigures | undefined;
  private readonly log: (line: string) => void;
  readonly kiosk: ReturnType<typeof createKioskServices>;
  private readonly mqtt: ReturnType<typeof createCoreMqtt>;

  constructor(options: CoreOptions) {
    this.config = options.config;
    this.dbPath = options.dbPath;
    this.clock = options.clock ?? systemClock;
    this.log = options.log ?? ((line) => console.log(line));
    const db = openDatabase(options.dbPath);
    this.store = new ReadingStore(db);
    this.writer = new HistoryWriter(db, {
      calibration: () => this.config.calibration,
      maxGapMs: () => this.config.storage.maxGapS * 1000,
      rawFrom: () => this.rawFrom(),
      timeZone: () => this.config.timeZone,
      log: this.log,
    });
    this.retention = new RawRetention(db);
    this.historyQuery = new HistoryQuery(db, {
      calibration: () => this.config.calibration,
      channel: () => this.config.source.channel,
      readingIntervalMs: () => this.config.source.windowMs,
      timeZone: () => this.config.timeZone,
    });
    this.energyQuery = new EnergyQuery(
      db,
      () => this.config.timeZone,
      () => this.clock.now(),
    );
    this.mqtt = createCoreMqtt({
      hub: this.hub,
      config: options.config,
      configPath: options.configPath ?? defaultConfigPath(),
      lifetimeWh: () => this.energyQuery.lifetimeWh(),
      status: () => this.status(),
      log: this.log,
    });
    this.queue = this.writeQueue(options.config.storage.flushIntervalMs);
    const chosen = chooseSource(options.config, { ...options, clock: this.clock });
    this.sourceKind = chosen.source.kind;
    this.notice = [options.extraNotice, chosen.notice].filter(Boolean).join(' · ') || null;
    this.sampler = new Sampler({
      source: chosen.source,
      deviceName: chosen.deviceName,
      clock: this.clock,
      settings: () => readingSettingsOf(this.config),
      stamper: new TimelineStamper(this.writer.lastT, this.log),
      onReading: (r, _ms, timing) => this.accept(r, timing),
      onState: (s) => this.stateChanged(s),
    });
    this.kiosk = createKioskServices({
      configPath: options.configPath ?? defaultConfigPath(),
      dbPath: options.dbPath,
      db,
      config: () => this.config,
      applyConfig: (c) => this.updateConfig(c),
      now: () => this.clock.now(),
      log: this.log,
      ...(options.media ? { media: options.media } : {}),
      ...(options.sysRoot ? { sysRoot: options.sysRoot } : {}),
      ...(options.run ? { run: options.run } : {}),
      onScreenDimmed: () => this.hub.publish({ type: 'status', status: this.status() }),
    });
    this.handlers = { ...this.readingHandlers(), ...this.kiosk.handlers };
  }

  /** Live state and the stored past; ranges read in the zone configured at the time of asking. */
  private readingHandlers(): Pick<Handlers, 'getStatus' | 'getRecent' | 'getHistory' | 'getEnergy'> {
    return {
      getStatus: () => this.status(),
      getRecent: ({ minutes }) => this.recent(minutes),
      getHistory: ({ maxPoints, ...range }) => {
        const { from, to } = requestRange(range, this.config.timeZone, MAX_QUERY_RANGE_MS);
        return this.historyQuery.history(from, to, maxPoints);
      },
      getEnergy: ({ per, ...range }) => {
        const { from, to } = requestRange(range, this.config.timeZone, MAX_QUERY_RANGE_MS);
        return this.energyQuery.energy(from, to, per);
      },
    };
  }

  private writeQueue(flushIntervalMs: number): WriteQueue {
    return new WriteQueue({
      write: (rows) => {
        this.writer.insert(rows);
        // Small steps after each batch: retention never holds up acquisition.
        this.retention.step(this.rawFrom(), RETENTION_STEP_ROWS);
      },
      flushIntervalMs,
      onError: (err, pending) => this.log(`storage: write failed, ${pending} readings kept for retry: ${(err as Error).message}`),
      onHealthChange: () => this.hub.publish({ type: 'status', status: this.status() }),
      now: () => this.clock.now(),
    });
  }

  private rawFrom(): number {
    return this.clock.now() - this.config.storage.retentionDays * 86_400_000;
  }

  start(): void {
    if (this.notice) this.log(this.notice);
    this.queue.start();
    this.sampler.start();
    this.kiosk.start();
    void this.mqtt.service.apply(this.config.mqtt);
  }

  async stop(): Promise<void> {
    await this.sampler.stop();
    await this.kiosk.stop();
    await this.mqtt.service.stop();
    this.queue.close();
    this.store.db.close();
  }

  /**
   * A config saved from the settings screen, applied without a restart: the
   * sampler reads calibration at every window, the screen gets a status event.
   * What only a restart can change (source, database, server) keeps its value.
   */
  updateConfig(next: Config): void {
    if (next.timeZone !== this.config.timeZone) {
      // Before the switch: the next batch written goes to days of the new zone, and so do all before it.
      this.queue.flush();
      const days = rebuildDayRollups(this.writer.db, next.timeZone);
      this.log(`storage: time zone now ${next.timeZone}, ${days} local days rebuilt from the 10 min rollups`);
    }
    this.config = { ...next, source: this.config.source, server: this.config.server, storage: { ...next.storage, path: this.config.storage.path } };
    void this.mqtt.service.apply(this.config.mqtt);
    this.hub.publish({ type: 'status', status: this.status() });
  }

  get currentConfig(): Config {
    return this.config;
  }

  private accept(r: Reading, timing: WindowTiming): void {
    this.last = r;
    this.queue.enqueue(r);
    this.kiosk.observe(r);
    this.hub.publish({ type: 'reading', reading: r });
    const figures = acquisitionFigures(timing, this.config.source.mainsHz);
    if (figuresChanged(this.figures, figures)) {
      this.figures = figures;
      this.hub.publish({ type: 'status', status: this.status() });
    }
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
      ...(this.figures ? { acquisition: this.figures } : {}),
      screenDimmed: this.kiosk.screenDimmed(),
      storage: storageStatus(this.queue.health(), this.dbPath, this.clock.now(), this.config.source.windowMs),
      ...this.mqtt.statusFields(),
      display: displayStatus(this.config),
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
