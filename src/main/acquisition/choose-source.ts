import { existsSync } from 'node:fs';
import type { Config } from '../config/config-schema';
import type { AdcSource } from './adc-source';
import { Mcp3008Source } from './mcp3008-source';
import { type SpiOpener, loadSpiDeviceModule } from './spi-bus';
import { type Clock, SimulatedSource, systemClock } from './simulated-source';

export interface ChosenSource {
  source: AdcSource;
  /** Where the samples come from, for error messages and the status line. */
  deviceName: string;
  /** Why this source and not another, shown on screen; null when nothing needs saying. */
  notice: string | null;
}

export interface ChooseOptions {
  opener?: SpiOpener;
  deviceExists?: (path: string) => boolean;
  canLoadSpi?: () => boolean;
  clock?: Clock;
}

const canLoadSpiDevice = (): boolean => {
  try {
    loadSpiDeviceModule();
    return true;
  } catch {
    return false;
  }
};

export function chooseSource(cfg: Config, o: ChooseOptions = {}): ChosenSource {
  const s = cfg.source;
  const path = `/dev/spidev${s.bus}.${s.device}`;
  const simulated = (notice: string | null): ChosenSource => ({
    source: new SimulatedSource(
      {
        samples: s.samplesPerWindow,
        windowMs: s.windowMs,
        seed: s.seed,
        volts: cfg.calibration.volts,
        mainsHz: s.mainsHz,
        midScale: cfg.health.midScale,
        ampsPerCount: cfg.calibration.ampsPerCount,
        noiseCounts: 0.6,
      },
      o.clock ?? systemClock,
    ),
    deviceName: 'simulator',
    notice,
  });
  if (s.kind === 'simulated') return simulated(null);
  if (s.kind === 'auto' && !(o.deviceExists ?? existsSync)(path)) {
    return simulated(`No ADC at ${path}: showing simulated readings`);
  }
  if (s.kind === 'auto' && !(o.canLoadSpi ?? canLoadSpiDevice)()) {
    return simulated(`The spi-device module cannot be loaded: showing simulated readings`);
  }
  // Forced, or the device node exists: open errors (EACCES...) are shown and retried.
  return {
    source: new Mcp3008Source({
      bus: s.bus,
      device: s.device,
      channel: s.channel,
      samples: s.samplesPerWindow,
      windowMs: s.windowMs,
      speedHz: s.speedHz,
      opener: o.opener,
    }),
    deviceName: path,
    notice: null,
  };
}
