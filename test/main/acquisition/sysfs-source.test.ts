import { open } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { Flag } from '../../../src/shared/flags';
import type { SourceState } from '../../../src/shared/contract';
import { SourceError } from '../../../src/main/acquisition/adc-source';
import { findMcp3008, findMcp3008Sync, parseRawCount } from '../../../src/main/acquisition/iio-device';
import { Sampler } from '../../../src/main/acquisition/sampler';
import { systemClock } from '../../../src/main/acquisition/simulated-source';
import { SysfsSource } from '../../../src/main/acquisition/sysfs-source';
import { DEFAULT_HEALTH } from '../../../src/main/acquisition/health';
import { FakeIio } from './fake-sysfs';
import { until } from '../../helpers/until';
import { containing } from '../../helpers/matchers';

let iio: FakeIio;
afterEach(() => iio?.cleanup());

type Read = (buf: Buffer, off: number, len: number, pos: number) => Promise<{ bytesRead: number }>;

/** The real file handle, with each read going through `hook` (to count reads or inject EIO). */
const hookedOpen = (hook: (next: () => Promise<{ bytesRead: number }>, pos: number) => Promise<{ bytesRead: number }>) => async (p: string) => {
  const fh = await open(p, 'r');
  const real: Read = (buf, off, len, pos) => fh.read(buf, off, len, pos);
  const read: Read = (buf, off, len, pos) => hook(() => real(buf, off, len, pos), pos);
  return { read: read as unknown as typeof fh.read, close: () => fh.close() };
};

const eio = (): NodeJS.ErrnoException => Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO', errno: -5 });

describe('iio-device', () => {
  it('finds the device named mcp3008 among other IIO devices', async () => {
    iio = new FakeIio();
    iio.addDevice(0, 'bme280');
    const dir = iio.addDevice(1, 'mcp3008', { 0: '512\n' });
    expect(findMcp3008Sync(iio.root)).toBe(dir);
    expect(await findMcp3008(iio.root)).toBe(dir);
  });

  it('returns null when there is no such device or no IIO folder at all', async () => {
    iio = new FakeIio();
    iio.addDevice(0, 'bme280');
    expect(findMcp3008Sync(iio.root)).toBeNull();
    expect(await findMcp3008(`${iio.root}/missing`)).toBeNull();
  });

  it('parses the raw attribute as a 10-bit count and rejects anything else', () => {
    expect(parseRawCount('0\n')).toBe(0);
    expect(parseRawCount('1023\n')).toBe(1023);
    expect(parseRawCount('1024\n')).toBeNull();
    expect(parseRawCount('-1')).toBeNull();
    expect(parseRawCount('')).toBeNull();
    expect(parseRawCount('5x')).toBeNull();
  });
});

describe('SysfsSource', () => {
  it('reads N samples per window, each a fresh read from offset 0, paced over windowMs', async () => {
    iio = new FakeIio();
    iio.addDevice(0, 'mcp3008', { 0: '100\n', 1: '700\n' });
    let reads = 0;
    const src = new SysfsSource({
      channel: 1,
      samples: 40,
      windowMs: 40,
      root: iio.root,
      openFile: hookedOpen((next, pos) => {
        reads++;
        // Position 0 every time: sysfs runs a conversion on each read from the start.
        expect(pos).toBe(0);
        return next();
      }),
    });
    await src.open();
    expect(src.path).toMatch(/iio:device0\/in_voltage1_raw$/);
    const t0 = performance.now();
    const w = await src.readWindow();
    const took = performance.now() - t0;
    expect(reads).toBe(40);
    expect(w.lost).toBe(0);
    expect([...w.samples]).toEqual(new Array(40).fill(700));
    expect(took).toBeGreaterThanOrEqual(39);
    // The same open handle sees the next value: nothing cached between reads.
    iio.setRaw(0, 1, '701\n');
    const w2 = await src.readWindow();
    expect(w2.samples[0]).toBe(701);
    await src.close();
  });

  it('fails to open with ENOENT and the overlay to add when there is no mcp3008 device', async () => {
    iio = new FakeIio();
    const src = new SysfsSource({ channel: 0, samples: 10, windowMs: 20, root: iio.root });
    const err = await src.open().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceError);
    expect((err as SourceError).code).toBe('ENOENT');
    expect((err as SourceError).message).toContain('dtoverlay=mcp3008');
  });

  it('counts a read that fails with EIO as a lost sample and keeps the window', async () => {
    iio = new FakeIio();
    iio.addDevice(0, 'mcp3008', { 0: '512\n' });
    let n = 0;
    const src = new SysfsSource({
      channel: 0,
      samples: 20,
      windowMs: 20,
      root: iio.root,
      openFile: hookedOpen((next) => (++n % 5 === 0 ? Promise.reject(eio()) : next())),
    });
    await src.open();
    const w = await src.readWindow();
    expect(w.lost).toBe(4);
    expect(w.samples.length).toBe(16);
    await src.close();
  });

  it('throws EIO when no read of the window succeeds, and when the driver prints garbage', async () => {
    iio = new FakeIio();
    iio.addDevice(0, 'mcp3008', { 0: '512\n' });
    const failing = new SysfsSource({
      channel: 0,
      samples: 5,
      windowMs: 5,
      root: iio.root,
      openFile: () => Promise.resolve({ read: () => Promise.reject(eio()), close: () => Promise.resolve() }),
    });
    await failing.open();
    await expect(failing.readWindow()).rejects.toMatchObject({ code: 'EIO' });
    iio.setRaw(0, 0, 'garbage\n');
    const garbled = new SysfsSource({ channel: 0, samples: 5, windowMs: 5, root: iio.root });
    await garbled.open();
    await expect(garbled.readWindow()).rejects.toMatchObject({ code: 'EIO', message: containing('unexpected value "garbage"') });
  });
});

describe('SysfsSource in the sampler', () => {
  it('shows ENOENT while the device is missing, retries, and recovers when it appears', async () => {
    iio = new FakeIio();
    const states: SourceState[] = [];
    const readings: number[] = [];
    const sampler = new Sampler({
      source: new SysfsSource({ channel: 0, samples: 20, windowMs: 20, root: iio.root }),
      clock: systemClock,
      backoff: { initialMs: 20, maxMs: 40 },
      settings: () => ({ channel: 0, calibration: { ampsPerCount: 0.27, volts: 237, noiseFloorA: 0 }, health: DEFAULT_HEALTH }),
      onReading: (r) => readings.push(r.flags),
      onState: (s) => states.push(s),
    });
    sampler.start();
    await until(() => states.length > 0, 5000);
    expect(states[0]).toMatchObject({ kind: 'error', code: 'ENOENT' });
    expect(readings).toEqual([]);
    iio.addDevice(0, 'mcp3008', { 0: '511\n' });
    const deadline = Date.now() + 2000;
    while (readings.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    await sampler.stop();
    expect(states.at(-1)).toEqual({ kind: 'ok' });
    expect(readings[0]! & Flag.SpiError).toBe(0);
  });
});
