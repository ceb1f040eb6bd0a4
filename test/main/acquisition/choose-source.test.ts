import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { chooseSource } from '../../../src/main/acquisition/choose-source';
import { parseConfig } from '../../../src/main/config/load-config';
import { PowerCore } from '../../../src/main/core/power-core';
import { FakeIio } from './fake-sysfs';

let iio: FakeIio;
afterEach(() => iio?.cleanup());

const cfg = (source: Record<string, unknown> = {}) => parseConfig({ source }, 'test.json');
const withIio = (): string => {
  iio = new FakeIio();
  iio.addDevice(0, 'mcp3008', { 0: '512\n' });
  return iio.root;
};
const noIio = (): string => {
  iio = new FakeIio();
  return iio.root;
};

describe('chooseSource()', () => {
  it('uses spidev when the node exists and spi-device loads', () => {
    const c = chooseSource(cfg(), { iioRoot: withIio(), deviceExists: () => true, canLoadSpi: () => true });
    expect(c.source.kind).toBe('mcp3008');
    expect(c.notice).toBeNull();
  });

  it('falls back to the kernel driver when spi-device cannot be loaded, and says so', () => {
    const c = chooseSource(cfg(), { iioRoot: withIio(), deviceExists: () => true, canLoadSpi: () => false });
    expect(c.source.kind).toBe('sysfs');
    expect(c.deviceName).toMatch(/iio:device0\/in_voltage0_raw$/);
    expect(c.notice).toMatch(/spi-device module cannot be loaded.*kernel's mcp3008 driver/);
  });

  it('uses the kernel driver without a notice when the overlay owns the bus (no spidev node)', () => {
    const c = chooseSource(cfg(), { iioRoot: withIio(), deviceExists: () => false, canLoadSpi: () => true });
    expect(c.source.kind).toBe('sysfs');
    expect(c.notice).toBeNull();
  });

  it('simulates, and says why, when neither path exists', () => {
    expect(chooseSource(cfg(), { iioRoot: noIio(), deviceExists: () => false }).notice).toMatch(/nor a kernel mcp3008 driver/);
    expect(chooseSource(cfg(), { iioRoot: noIio(), deviceExists: () => true, canLoadSpi: () => false }).source.kind).toBe('simulated');
  });

  it('keeps a forced sysfs source even before the device exists (errors are shown and retried)', () => {
    const c = chooseSource(cfg({ kind: 'sysfs', channel: 3 }), { iioRoot: noIio() });
    expect(c.source.kind).toBe('sysfs');
    expect(c.deviceName).toContain('in_voltage3_raw');
  });
});

describe('status line source', () => {
  it('reports sysfs, its readings and the notice through the real core', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'corcy-core-'));
    const core = new PowerCore({
      config: cfg({ samplesPerWindow: 20, windowMs: 20 }),
      dbPath: join(dir, 'power.db'),
      iioRoot: withIio(),
      deviceExists: () => true,
      canLoadSpi: () => false,
      log: () => undefined,
    });
    core.start();
    const deadline = Date.now() + 3000;
    while (core.status().lastReading === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    const s = core.status();
    await core.stop();
    rmSync(dir, { recursive: true, force: true });
    expect(s.source).toBe('sysfs');
    expect(s.state).toEqual({ kind: 'ok' });
    expect(s.notice).toMatch(/kernel's mcp3008 driver/);
    expect(s.lastReading?.mean).toBe(512);
  });
});
