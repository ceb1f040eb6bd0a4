import { existsSync } from 'node:fs';
import type { Config } from '../config/config-schema';
import type { AdcSource } from './adc-source';
import { IIO_ROOT, channelFile, findMcp3008Sync } from './iio-device';
import { type Mcp3008Options, Mcp3008Source } from './mcp3008-source';
import { type SpiOpener, loadSpiDeviceModule } from './spi-bus';
import { type Clock, SimulatedSource, systemClock } from './simulated-source';
import { SysfsSource, type SysfsOptions } from './sysfs-source';

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
  /** /sys/bus/iio/devices, and the file boundary of the sysfs source (tests). */
  iioRoot?: string;
  sysfsOpenFile?: SysfsOptions['openFile'];
  /** spidev's limits and the clock windows are timed on (the bus model in tests). */
  spidev?: Pick<Mcp3008Options, 'limits' | 'monotonicMs'>;
}

const canLoadSpiDevice = (): boolean => {
  try {
    loadSpiDeviceModule();
    return true;
  } catch {
    return false;
  }
};

export function chooseSource(cfg: Config, options: ChooseOptions = {}): ChosenSource {
  const s = cfg.source;
  const path = `/dev/spidev${s.bus}.${s.device}`;
  const iioRoot = options.iioRoot ?? IIO_ROOT;
  const simulated = (notice: string | null): ChosenSource => ({
    source: new SimulatedSource(
      {
        samples: s.samplesPerWindow,
        windowMs: s.windowMs,
        seed: s.seed,
        volts: cfg.calibration.volts,
        mainsHz: s.mainsHz,
        midScale: cfg.health.midScale,
        ampsPerCount: s.simulator.ampsPerCount ?? cfg.calibration.ampsPerCount,
        noiseCounts: s.simulator.noiseCounts,
        loadFile: s.simulator.loadFile,
      },
      options.clock ?? systemClock,
    ),
    deviceName: 'simulator',
    notice,
  });
  const sysfs = (notice: string | null, dir: string | null): ChosenSource => ({
    source: new SysfsSource({ channel: s.channel, samples: s.samplesPerWindow, windowMs: s.windowMs, root: iioRoot, openFile: options.sysfsOpenFile }),
    deviceName: dir ? channelFile(dir, s.channel) : `${iioRoot}/iio:device*/in_voltage${s.channel}_raw`,
    notice,
  });
  const mcp3008 = (): ChosenSource => ({
    source: new Mcp3008Source({
      bus: s.bus,
      device: s.device,
      channel: s.channel,
      samples: s.samplesPerWindow,
      windowMs: s.windowMs,
      speedHz: s.speedHz,
      opener: options.opener,
      ...options.spidev,
    }),
    deviceName: path,
    notice: null,
  });

  if (s.kind === 'simulated') return simulated(null);
  // Forced sources: open errors (EACCES, ENOENT...) are shown and retried.
  if (s.kind === 'mcp3008') return mcp3008();
  if (s.kind === 'sysfs') return sysfs(null, findMcp3008Sync(iioRoot));

  const iio = findMcp3008Sync(iioRoot);
  if ((options.deviceExists ?? existsSync)(path)) {
    if ((options.canLoadSpi ?? canLoadSpiDevice)()) return mcp3008();
    if (iio) return sysfs(`The spi-device module cannot be loaded: reading the ADC through the kernel's mcp3008 driver`, iio);
    return simulated(`The spi-device module cannot be loaded and no kernel mcp3008 driver is present: showing simulated readings`);
  }
  // dtoverlay=mcp3008 takes the chip select, so there is no spidev node: that is expected.
  if (iio) return sysfs(null, iio);
  return simulated(`No ADC at ${path} nor a kernel mcp3008 driver: showing simulated readings`);
}
