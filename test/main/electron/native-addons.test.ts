import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSpiDeviceModule } from '../../../src/main/acquisition/spi-bus';
import { SPI_ADDON_ENV, spiAddonPath } from '../../../src/main/electron/native-addons';

describe('spiAddonPath()', () => {
  it("takes the package's own build from resources/native", () => {
    expect(spiAddonPath({ packaged: true, resourcesPath: '/opt/CorcyPower/resources', appPath: '/x', arch: 'arm64' })).toBe('/opt/CorcyPower/resources/native/spi.node');
  });

  it('takes the build for this machine from the checkout, apart from the Node build in node_modules', () => {
    expect(spiAddonPath({ packaged: false, resourcesPath: '/e/resources', appPath: '/home/pi/corcy-power', arch: 'arm64' })).toBe(
      '/home/pi/corcy-power/native/electron-linux-arm64/spi.node',
    );
  });
});

describe('loadSpiDeviceModule() under the shell', () => {
  const saved = process.env[SPI_ADDON_ENV];
  afterEach(() => {
    if (saved === undefined) delete process.env[SPI_ADDON_ENV];
    else process.env[SPI_ADDON_ENV] = saved;
  });

  it('loads the addon the shell points at, instead of the one in node_modules', () => {
    // The Node build stands in for an Electron build here: what matters is which file is loaded.
    process.env[SPI_ADDON_ENV] = join(process.cwd(), 'node_modules/spi-device/build/Release/spi.node');
    expect(typeof loadSpiDeviceModule().open).toBe('function');
  });

  it('fails, rather than fall back to the Node build, when that addon was never built', () => {
    process.env[SPI_ADDON_ENV] = '/nonexistent/native/electron-linux-arm64/spi.node';
    expect(() => loadSpiDeviceModule()).toThrow(/Cannot find module/);
  });
});
