import type Database from 'better-sqlite3';
import type { Reading } from '../../shared/contract';
import { addDays, localDateKey } from '../../shared/local-time';
import { CalibrationService } from '../calibration/calibration-service';
import type { Config } from '../config/config-schema';
import { SettingsService } from '../config/settings-service';
import { MqttSettings } from '../mqtt/mqtt-settings';
import { CostService } from '../billing/cost-service';
import { findBacklight } from '../display/backlight';
import { ScreenDimmer } from '../display/screen-dimmer';
import { energySlices } from '../energy/energy-source';
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
  config: () => Config;
  applyConfig: (config: Config) => void;
  now: () => number;
  log: (line: string) => void;
  media?: DestinationOptions;
  /** Prefix of /sys for the backlight, a fake tree in tests. */
  sysRoot?: string;
  run?: CommandRunner;
  onScreenDimmed?: (dimmed: boolean) => void;
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
  | 'restoreCalibration'
  | 'getMqttSettings'
  | 'saveMqttSettings';

/** Cost from the minute rollups, priced again when the tariff, zone, calibration or colours change. */
function costService(options: KioskOptions, colours: TempoColourStore): CostService {
  return new CostService({
    slices: (from, to) => energySlices(options.db, from, to),
    tariff: () => options.config().tariff,
    timeZone: () => options.config().timeZone,
    colours: () => colours.all,
    revision: () => JSON.stringify([options.config().calibration, colours.revision]),
    now: options.now,
  });
}

/** Exports to a USB stick when one is mounted, else to export.folder. */
function exportService(options: KioskOptions): ExportService {
  const media = (): DestinationOptions => ({ ...options.media, folder: options.config().export.folder ?? options.media?.folder });
  return new ExportService({
    openReader: () => openDatabase(options.dbPath, { readonly: true }),
    calibration: () => options.config().calibration,
    timeZone: () => options.config().timeZone,
    destination: () => chooseDestination(media()),
    mounts: () => removableMounts(media()),
    now: options.now,
    ...(options.run ? { run: options.run } : {}),
  });
}

/** Today's and tomorrow's Tempo colour (EDF announces tomorrow's the day before), null when unknown. */
const tempoDaysOf = (colours: TempoColourStore, today: string) => ({
  days: [today, addDays(today, 1)].map((date) => ({ date, colour: colours.all.get(date) ?? null })),
});

/** Settings, cost, CSV export and the screen: what the kiosk adds around acquisition. */
export function createKioskServices(options: KioskOptions) {
  const settings = new SettingsService({ configPath: options.configPath, current: options.config, apply: options.applyConfig, now: options.now });
  const calibration = new CalibrationService({
    configPath: options.configPath,
    current: options.config,
    apply: options.applyConfig,
    checkPin: (pin) => settings.checkPin(pin),
    now: options.now,
  });
  const mqtt = new MqttSettings({ configPath: options.configPath, current: options.config, apply: options.applyConfig, checkPin: (pin) => settings.checkPin(pin) });
  const colours = new TempoColourStore(tempoFileFor(options.dbPath));
  const cost = costService(options, colours);
  const exports = exportService(options);
  const dimmer = new ScreenDimmer({
    backlight: findBacklight(options.sysRoot),
    brightness: () => options.config().brightness,
    timeZone: () => options.config().timeZone,
    now: options.now,
    log: options.log,
    ...(options.onScreenDimmed ? { onDimmedChange: options.onScreenDimmed } : {}),
  });
  const tempoDays = () => tempoDaysOf(colours, localDateKey(options.now(), options.config().timeZone));
  const handlers: Pick<Handlers, KioskOps> = {
    getSettings: () => settings.view(),
    validateSettings: (request) => settings.validate(request.settings),
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
    getMqttSettings: () => mqtt.view(),
    saveMqttSettings: (req) => mqtt.save(req),
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
