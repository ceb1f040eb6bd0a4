import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SourceError } from '../../../src/main/acquisition/adc-source';
import { windowStats } from '../../../src/main/acquisition/window-stats';
import { sineSignal } from '../../helpers/clamp-signals';
import { ERRORS } from '../../helpers/fake-spidev';
import type { Signal } from '../../helpers/mcp3008-chip';
import { type RigOptions, sourceOnModel } from '../../helpers/spidev-rig';
import { useTempDir } from '../../helpers/temp-dir';

const tmp = useTempDir();

function setup(o: Partial<RigOptions> = {}, signal: Signal = sineSignal(200, 511.5)) {
  return sourceOnModel({ arch: 'arm64', bufsiz: 65536, dir: tmp(), signal, ...o });
}

describe('Mcp3008Source', () => {
  it('reads a 1000-sample window in two ioctls of 500 conversions at spidev.bufsiz=65536', async () => {
    const { dev, source } = setup();
    await source.open();
    const w = await source.readWindow();
    expect(dev.ioctls).toBe(2);
    expect(dev.transfers).toBe(1000);
    expect(dev.largestIoctl).toBe(500);
    expect(dev.chip.conversions).toBe(1000);
    expect(w.ioctls).toBe(2);
    expect(w.lost).toBe(0);
    expect(w.samples.length).toBe(1000);
    const s = windowStats(w.samples);
    // A 200-count sine, quantised: rms within a count of 200/sqrt(2).
    expect(s.rms).toBeGreaterThan(200 / Math.SQRT2 - 1);
    expect(s.rms).toBeLessThan(200 / Math.SQRT2 + 1);
    expect(s.mean).toBeCloseTo(511.5, 0);
  });

  it('reads the channel it is set to', async () => {
    const { source } = setup({ source: { channel: 3 } }, (_t, ch) => 100 * ch);
    await source.open();
    const w = await source.readWindow();
    expect(new Set(w.samples)).toEqual(new Set([300]));
  });

  it('splits more finely when spidev has a small bufsiz, instead of failing with EMSGSIZE', async () => {
    // 1024 / 128 = 8 conversions per ioctl: 125 ioctls of 8.
    const { dev, source } = setup({ bufsiz: 1024 });
    await source.open();
    const w = await source.readWindow();
    expect(w.lost).toBe(0);
    expect(dev.ioctls).toBe(125);
    expect(dev.largestIoctl).toBe(8);
  });

  it('keeps ioctl counts proportional to windows over a long run', async () => {
    const { dev, source } = setup();
    await source.open();
    for (let i = 0; i < 50; i++) await source.readWindow();
    expect(dev.ioctls).toBe(100);
  });

  it('says what it read when the bufsiz parameter is not a number, and opens nothing', async () => {
    const { source, opener, bufsizPath } = setup();
    writeFileSync(bufsizPath, 'garbage\n');
    const err = (await source.open().catch((e: unknown) => e)) as SourceError;
    expect(err).toBeInstanceOf(SourceError);
    expect(err.message).toMatch(/bufsiz: expected a positive number of bytes, read "garbage"/);
    expect(opener.opens).toBe(0);
  });

  it('reports ENOENT with the fix: enable SPI', async () => {
    const { state, source } = setup();
    state.status = 'ENOENT';
    const err = await source.open().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceError);
    expect((err as SourceError).code).toBe('ENOENT');
    expect((err as SourceError).message).toMatch(/\/dev\/spidev0\.0.*enable SPI/);
  });

  it('reports EACCES with the fix: the spi group', async () => {
    const { state, source } = setup();
    state.status = 'EACCES';
    const err = (await source.open().catch((e: unknown) => e)) as SourceError;
    expect(err.code).toBe('EACCES');
    expect(err.message).toMatch(/spi group/);
  });

  it('turns an I/O error mid-run into a SourceError and reopens on the next try', async () => {
    const { dev, opener, source } = setup();
    await source.open();
    dev.failNext(ERRORS.EIO());
    const err = (await source.readWindow().catch((e: unknown) => e)) as SourceError;
    expect(err.code).toBe('EIO');
    expect(dev.closed).toBe(true);
    await expect(source.readWindow()).rejects.toThrow(/not open/);
    await source.open();
    expect(opener.opens).toBe(2);
  });

  it('catches a transfer that reports success but moved nothing, instead of reading zeros as clipping', async () => {
    // What spidev does with 512+ messages: success, buffers untouched.
    const { dev, source } = setup();
    await source.open();
    dev.transfer = (message, cb) => {
      dev.ioctls++;
      setImmediate(() => cb(null, message));
    };
    const err = (await source.readWindow().catch((e: unknown) => e)) as SourceError;
    expect(err.code).toBe('EIO');
    expect(err.message).toMatch(/no conversion/);
  });

  it('counts conversions lost in one transfer and keeps the rest', async () => {
    const { dev, source } = setup();
    await source.open();
    const real = dev.transfer.bind(dev);
    let calls = 0;
    dev.transfer = (message, cb) => (calls++ === 0 ? setImmediate(() => cb(null, message)) : real(message, cb));
    const w = await source.readWindow();
    expect(w.lost).toBe(500);
    expect(w.samples.length).toBe(500);
  });

  it('shows pinned counts from a loose board as they are (health flags judge them)', async () => {
    const { dev, source } = setup();
    await source.open();
    dev.fault = 'pinned-high';
    const w = await source.readWindow();
    expect(new Set(w.samples)).toEqual(new Set([1023]));
  });
});
