import { join } from 'node:path';
import { SPI_ADDON_ENV } from '../acquisition/spi-bus';

// Where Electron finds spi-device built for its own ABI. The Node build in
// node_modules serves the tests and `corcy-power serve` under Node; Electron
// cannot load it, so its build lives apart (scripts/electron-native.mjs) and the
// shell hands its path to the loader (spi-bus.ts) through this variable.

export { SPI_ADDON_ENV };

/** The folder, under a checkout or a package's resources, built for one machine. */
const electronNativeDir = (arch: string): string => join('native', `electron-linux-${arch}`);

export interface AddonPlace {
  packaged: boolean;
  /** process.resourcesPath: the package puts the build in resources/native (electron-builder.yml). */
  resourcesPath: string;
  /** app.getAppPath(): the checkout, when run by npm start. */
  appPath: string;
  arch: string;
}

export function spiAddonPath(p: AddonPlace): string {
  return p.packaged ? join(p.resourcesPath, 'native', 'spi.node') : join(p.appPath, electronNativeDir(p.arch), 'spi.node');
}
