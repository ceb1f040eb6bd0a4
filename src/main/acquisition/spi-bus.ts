import { createRequire } from 'node:module';

// The hardware boundary: the subset of spi-device that CorcyPower uses. Tests put
// a fake here that behaves like spidev (limits and errors included).

export interface SpiMessage {
  byteLength: number;
  sendBuffer?: Buffer;
  receiveBuffer?: Buffer;
  speedHz?: number;
  microSecondDelay?: number;
  chipSelectChange?: boolean;
}

export interface SpiDevice {
  transfer: (message: SpiMessage[], cb: (err: NodeJS.ErrnoException | null, message?: SpiMessage[]) => void) => unknown;
  close: (cb: (err: NodeJS.ErrnoException | null) => void) => unknown;
}

export interface SpiOpenOptions {
  mode?: number;
  maxSpeedHz?: number;
}

export type SpiOpener = (bus: number, device: number, options: SpiOpenOptions) => Promise<SpiDevice>;

type SpiDeviceModule = {
  open: (bus: number, device: number, options: SpiOpenOptions, cb: (err: NodeJS.ErrnoException | null) => void) => SpiDevice;
};

/**
 * Under Electron, the path of spi-device built for Electron's ABI (set by the
 * shell: electron/native-addons.ts); Node loads the build in node_modules.
 */
export const SPI_ADDON_ENV = 'CORCY_SPI_DEVICE_ADDON';

/** Loads the native module only when asked, so that a missing build is an error value, not a crash. */
export function loadSpiDeviceModule(): SpiDeviceModule {
  return createRequire(import.meta.url)(process.env[SPI_ADDON_ENV] || 'spi-device') as SpiDeviceModule;
}

export const openSpiDevice: SpiOpener = (bus, device, options) =>
  new Promise((resolve, reject) => {
    let dev: SpiDevice | undefined;
    try {
      dev = loadSpiDeviceModule().open(bus, device, options, (err) => (err ? reject(err) : resolve(dev!)));
    } catch (err) {
      reject(err instanceof Error ? err : new Error(String(err)));
    }
  });

export const transferAsync = (dev: SpiDevice, message: SpiMessage[]): Promise<void> =>
  new Promise((resolve, reject) => dev.transfer(message, (err) => (err ? reject(err) : resolve())));

export const closeAsync = (dev: SpiDevice): Promise<void> => new Promise((resolve) => dev.close(() => resolve()));
