import type Database from 'better-sqlite3';
import type { Reading } from '../../shared/contract';
import { addDays, localDateKey } from '../../shared/local-time';
import { CalibrationService } from '../calibration/calibration-service';
import type { Config } from '../config/config-schema';
import { SettingsService } from '../config/settings-service';
import { CostService } from '../cost/cost-service';
import { findBacklight } from '../display/backlight';
import { ScreenDimmer } from '../display/screen-dimmer';
import { energySlices } from '../energy-slices/energy-source';
import { type DestinationOptions, chooseDestination, removableMounts } from '../export/destination';
import type { CommandRunner } from '../export/eject';
import { ExportService } from '../export/export-service';
import { openDatabase } from '../storage/database';
import { TempoColourStore, tempoFileFor } from '../storage/tempo-colour-store';
import type { Handlers } from './dispatch';

export interface KioskOptions {
  configPath: string;
  dbPath: string;
  db: Database.Database;
  config(): Config;
  applyConfig(config: Config): void;
  now(): number;
  log(line: string): void;
  media?: DestinationOptions;
  /** Prefix of /sys for the backlight, a fake tree in tests. */
  sysRoot?: string;
  run?: CommandRunner;
  onScreenDimmed?(dimmed: boolean): void;
}

type KioskOps =
  | 'getSettings'
  | 'validateSettings'
  | 'saveSettings'
  | 'checkPin'
  | 'getCost'
  | 'getDailyCost'
  | 'startExport'
  | 'getExport'
  | 'ejectMedia'
  | 'wakeScreen'
  | 'getTempoDays'
  | 'setTempoColour'
  | 'getCalibration'
  | 'recordCalibration'
  | 'saveCalibration'
  | 'restoreCalibration';

/** Settings, cost, CSV export and the screen: what the kiosk adds around acquisition. */
export function createKioskServices(o: KioskOptions) {
  const settings = new SettingsService({ configPath: o.configPath, current: o.config, apply: o.applyConfig, now: o.now });
  const calibration = new CalibrationService({
    configPath: o.configPath,
    current: o.config,
    apply: o.applyConfig,
    checkPin: (pin) => settings.checkPin(pin),
    now: o.now,
  });
  const colours = new TempoColourStore(tempoFileFor(o.dbPath));
  const cost = new CostService({
    slices: (from, to) => energySlices(o.db, from, to, o.config().calibration),
    tariff: () => o.config().tariff,
    timeZone: () => o.config().timeZone,
    colours: () => colours.all,
    revision: () => JSON.stringify([o.config().calibration, colours.revision]),
    now: o.now,
  });
  const media = (): DestinationOptions => ({ ...o.media, folder: o.config().export.folder ?? o.media?.folder });
  const exports = new ExportService({
    openReader: () => openDatabase(o.dbPath, { readonly: true }),
    calibration: () => o.config().calibration,
    timeZone: () => o.config().timeZone,
    destination: () => chooseDestination(media()),
    mounts: () => removableMounts(media()),
    now: o.now,
    ...(o.run ? { run: o.run } : {}),
  });
  const dimmer = new ScreenDimmer({
    backlight: findBacklight(o.sysRoot),
    brightness: () => o.config().brightness,
    timeZone: () => o.config().timeZone,
    now: o.now,
    log: o.log,
    ...(o.onScreenDimmed ? { onDimmedChange: o.onScreenDimmed } : {}),
  });
  const tempoDays = () => {
    const today = localDateKey(o.now(), o.config().timeZone);
    return { days: [today, addDays(today, 1)].map((date) => ({ date, colour: colours.all.get(date) ?? null })) };
  };
  const handlers: Pick<Handlers, KioskOps> = {
    getSettings: () => settings.view(),
    validateSettings: ({ settings: s }) => settings.validate(s),
    saveSettings: (req) => settings.save(req),
    checkPin: ({ pin }) => settings.checkPin(pin),
    getCost: () => cost.summary(),
    getDailyCost: ({ from, to }) => cost.daily(from, to),
    startExport: (req) => exports.start(req),
    getExport: ({ id }) => exports.get(id),
    ejectMedia: ({ dir }) => exports.eject(dir),
    wakeScreen: () => ({ level: dimmer.wake() }),
    getTempoDays: tempoDays,
    // A colour prices the bill like a setting does: behind the same PIN.
    setTempoColour: ({ date, colour, pin }) => {
      if (!settings.checkPin(pin ?? '').ok) throw new Error('wrong PIN');
      colours.merge(new Map([[date, colour]]));
      return tempoDays();
    },
    getCalibration: () => calibration.view(),
    recordCalibration: (req) => calibration.record(req),
    saveCalibration: (req) => calibration.save(req),
    restoreCalibration: (req) => calibration.restore(req),
  };
  return {
    handlers,
    colours,
    /** Every live reading, for a calibration step being recorded. */
    observe: (r: Reading) => calibration.recorder.add(r),
    exports,
    screenDimmed: () => dimmer.dimmed,
    start: () => dimmer.start(),
    stop: async () => {
      dimmer.stop();
      await exports.idle();
    },
  };
}
