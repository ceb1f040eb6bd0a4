import type { Reading } from '../../shared/contract';
import type { SampleWindow } from './adc-source';
import { type Calibration, currentFromRms, powerFromCurrent } from './calibration';
import { type HealthLimits, healthFlags } from './health';
import { windowStats } from './window-stats';
import type { Config } from '../config/config-schema';

export interface ReadingSettings {
  channel: number;
  calibration: Calibration;
  health: HealthLimits;
}

/** What each window needs of the config; read at every window, so a saved setting applies at the next. */
export function readingSettingsOf(config: Config): ReadingSettings {
  return {
    channel: config.source.channel,
    calibration: config.calibration,
    health: { midScale: config.health.midScale, maxDrift: config.health.maxDriftCounts },
  };
}

/** The whole per-window computation: statistics, calibration, health. Pure. */
export function toReading(window: SampleWindow, endedAt: number, s: ReadingSettings): Reading {
  const stats = windowStats(window.samples);
  return readingFromStats(stats, endedAt, healthFlags(stats, window.lost, s.health), s);
}

/** Also used for stored and imported rows, which keep only the statistics. */
export function readingFromStats(
  stats: { mean: number; min: number; max: number; rms: number },
  t: number,
  flags: number,
  s: Pick<ReadingSettings, 'channel' | 'calibration'>,
): Reading {
  const currentA = currentFromRms(stats.rms, s.calibration);
  return {
    t: Math.round(t),
    channel: s.channel,
    mean: stats.mean,
    min: stats.min,
    max: stats.max,
    rms: stats.rms,
    currentA,
    powerW: powerFromCurrent(currentA, s.calibration),
    flags,
  };
}
