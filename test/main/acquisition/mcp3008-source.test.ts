import { describe, expect, it } from 'vitest';
import { SourceError } from '../../../src/main/acquisition/adc-source';
import { Mcp3008Source } from '../../../src/main/acquisition/mcp3008-source';
import { windowStats } from '../../../src/main/acquisition/window-stats';
import { ERRORS, FakeSpiDevice, fakeOpener, sineSignal } from '../../helpers/fake-spidev';

const base = { bus: 0, device: 0, channel: 0, samples: 1000, windowMs: 500, speedHz: 500_000 };

function setup(o: Partial<typeof base> & { bufsiz?: number } = {}, signal = sineSignal(200, 511.5, 1000, 25)) {
  const dev = new FakeSpiDevice({ signal, bufsiz: o.bufsiz });
  const state = { status: 'present' as 'present' | 'ENOENT' | 'EACCES' };
  const opener = fakeOpener(() => dev, state);
  const source = new Mcp3008Source({ ...base, ...o, opener });
  return { dev, state, opener, source };
}

describe('Mcp3008Source', () => {
  it('reads a 1000-sample window in two ioctls, every message paced and with chip select toggled', async () => {
    const { dev, source } = setup();
    await source.open();
    const w = await source.readWindow();
    expect(dev.transfers).toBe(2);
    expect(dev.messages).toBe(1000);
    expect(dev.largestTransfer).toBe(500);
    expect(w.lost).toBe(0);
    expect(w.samples.length).toBe(1000);
    const s = windowStats(w.samples);
    // A 200-count sine, quantised: rms within a count of 200/sqrt(2).
    expect(s.rms).toBeGreaterThan(200 / Math.SQRT2 - 1);
    expect(s.rms).toBeLessThan(200 / Math.SQRT2 + 1);
    expect(s.mean).toBeCloseTo(511.5, 0);
  });

  it('reads the channel it is set to', async () => {
    const { source } = setup({ channel: 3 }, (_i, ch) => 100 * ch);
    await source.open();
    const w = await source.readWindow();
    expect(new Set(w.samples)).toEqual(new Set([300]));
  });

  it('splits more finely when spidev has a small bufsiz, instead of failing with EMSGSIZE', async () => {
    const { dev, source } = setup({ bufsiz: 1024 });
    await source.open();
    await source.readWindow();
    expect(dev.transfers).toBe(3);
  });

  it('keeps transfer counts proportional to windows over a long run', async () => {
    const { dev, source } = setup();
    await source.open();
    for (let i = 0; i < 50; i++) await source.readWindow();
    expect(dev.transfers).toBe(100);
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
      dev.transfers++;
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

describe('FakeSpiDevice (the fake itself must be as strict as spidev)', () => {
  it('transfers nothing for 512 messages in one ioctl', async () => {
    const dev = new FakeSpiDevice({ signal: () => 500 });
    const rx = Buffer.alloc(3).fill(0xff);
    const msg = Array.from({ length: 512 }, () => ({ byteLength: 3, sendBuffer: Buffer.from([1, 0x80, 0]), receiveBuffer: rx }));
    await new Promise<void>((r, j) => dev.transfer(msg, (e) => (e ? j(e) : r())));
    expect([...rx]).toEqual([0xff, 0xff, 0xff]);
  });

  it('fails with EMSGSIZE beyond bufsiz', async () => {
    const dev = new FakeSpiDevice({ signal: () => 500, bufsiz: 30 });
    const msg = Array.from({ length: 11 }, () => ({ byteLength: 3, sendBuffer: Buffer.from([1, 0x80, 0]), receiveBuffer: Buffer.alloc(3) }));
    const err = await new Promise((r) => dev.transfer(msg, (e) => r(e)));
    expect((err as NodeJS.ErrnoException).code).toBe('EMSGSIZE');
  });

  it('returns zeros when chip select is not toggled between conversions', async () => {
    const dev = new FakeSpiDevice({ signal: () => 500 });
    const rx = [Buffer.alloc(3), Buffer.alloc(3)];
    const msg = rx.map((r) => ({ byteLength: 3, sendBuffer: Buffer.from([1, 0x80, 0]), receiveBuffer: r, chipSelectChange: false }));
    await new Promise((r) => dev.transfer(msg, r));
    expect(rx[0]![2]).toBe(500 & 0xff);
    expect([...rx[1]!]).toEqual([0, 0, 0]);
  });
});
