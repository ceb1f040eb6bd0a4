import { describe, expect, it } from 'vitest';
import type { SpiMessage } from '../../src/main/acquisition/spi-bus';
import { FakeSpiDevice } from './fake-spidev';
import { bcm2835EffectiveHz } from './spi-timing';
import { spiMsgSize } from './spidev-buffers';

// The model checked against figures worked out by hand from the sources it cites.

const conversion = (o: Partial<SpiMessage> = {}): SpiMessage => ({
  byteLength: 3,
  sendBuffer: Buffer.from([0x01, 0x80, 0x00]), // start bit, single-ended channel 0
  receiveBuffer: Buffer.alloc(3, 0xff),
  speedHz: 500_000,
  ...o,
});
const ioctl = (dev: FakeSpiDevice, msg: SpiMessage[]): Promise<NodeJS.ErrnoException | null> => new Promise((r) => dev.transfer(msg, (e) => r(e)));
const rx = (m: SpiMessage): number[] => [...m.receiveBuffer!];

describe('the spidev model: what one ioctl may carry', () => {
  it('encodes the size of 511 descriptors and 0 for 512 (14 bits, 32 bytes each)', () => {
    // 511 x 32 = 16352 < 16384 = 1 << 14; 512 x 32 = 16384 does not fit.
    expect(spiMsgSize(511)).toBe(16352);
    expect(spiMsgSize(512)).toBe(0);
  });

  it('answers 512 transfers with EINVAL from spi-device and clocks nothing', async () => {
    // spidev_ioctl returns 0 for a size of 0; spi-device's Transfer() wants 512 x 3 bytes.
    const dev = new FakeSpiDevice({ signal: () => 500, arch: 'x64', bufsiz: 65536 });
    const msg = Array.from({ length: 512 }, () => conversion());
    const err = await ioctl(dev, msg);
    expect(err?.code).toBe('EINVAL');
    expect(dev.chip.conversions).toBe(0);
    expect(rx(msg[0]!)).toEqual([0xff, 0xff, 0xff]);
  });

  it.each([
    // bufsiz 4096 / ALIGN(3, 64) = 64 conversions on armhf; / ALIGN(3, 128) = 32 on arm64.
    ['arm', 4096, 64],
    ['arm64', 4096, 32],
    // x86 aligns to 8: 4096 / 8 = 512, but the 511 cap comes first (511 x 8 = 4088).
    ['x64', 4096, 511],
    // 65536 / 64 = 1024 and 65536 / 128 = 512: the 511 cap again (511 x 128 = 65408).
    ['arm', 65536, 511],
    ['arm64', 65536, 511],
  ] as const)('on %s with bufsiz %i takes %i conversions and refuses one more with EMSGSIZE', async (arch, bufsiz, fits) => {
    const dev = new FakeSpiDevice({ signal: () => 500, arch, bufsiz });
    expect(
      await ioctl(
        dev,
        Array.from({ length: fits }, () => conversion({ chipSelectChange: true })),
      ),
    ).toBeNull();
    const over = Array.from({ length: fits + 1 }, () => conversion());
    const err = await ioctl(dev, over);
    if (fits + 1 < 512) {
      expect(err?.code).toBe('EMSGSIZE');
      expect(rx(over[0]!)).toEqual([0xff, 0xff, 0xff]);
    } else expect(err?.code).toBe('EINVAL');
  });

  it('counts a transfer only in the bounce buffers it uses', async () => {
    // 65 write-only transfers on armhf: 65 x 64 = 4160 > 4096 in tx, nothing in rx.
    const dev = new FakeSpiDevice({ signal: () => 500, arch: 'arm', bufsiz: 4096 });
    const writeOnly = Array.from({ length: 65 }, () => conversion({ receiveBuffer: undefined }));
    expect((await ioctl(dev, writeOnly))?.code).toBe('EMSGSIZE');
    expect(await ioctl(dev, writeOnly.slice(0, 64))).toBeNull();
  });
});

describe('the spidev model: chip select and the MCP3008', () => {
  // 700 = 10 1011 1100b: B9 = 1, B8 = 0, B7..B0 = 0xBC.
  // Fresh conversion: byte 0 and the top of byte 1 are high impedance (read 1),
  // then null bit 0, B9, B8: 1111 1010b = 0xFA; byte 2 = 0xBC.
  // Clocked on without a falling edge: B1..B8 = 0111 1010b = 0x7A, B9 then zeros = 0x80, 0x00.
  it('converts after a falling edge and shifts out the old tail LSB first, then zeros, without one', async () => {
    const dev = new FakeSpiDevice({ signal: () => 700, arch: 'arm' });
    const msg = [conversion({ chipSelectChange: false }), conversion({ chipSelectChange: false }), conversion()];
    await ioctl(dev, msg);
    expect(msg.map(rx)).toEqual([
      [0xff, 0xfa, 0xbc],
      [0x7a, 0x80, 0x00],
      [0x00, 0x00, 0x00],
    ]);
  });

  it('toggles chip select between transfers on cs_change: every conversion is fresh', async () => {
    const dev = new FakeSpiDevice({ signal: () => 700, arch: 'arm' });
    const msg = [conversion({ chipSelectChange: true }), conversion({ chipSelectChange: true }), conversion()];
    await ioctl(dev, msg);
    expect(msg.map(rx)).toEqual([
      [0xff, 0xfa, 0xbc],
      [0xff, 0xfa, 0xbc],
      [0xff, 0xfa, 0xbc],
    ]);
  });

  it('keeps chip select asserted after a message whose last transfer has cs_change (keep_cs)', async () => {
    const dev = new FakeSpiDevice({ signal: () => 700, arch: 'arm' });
    const first = [conversion({ chipSelectChange: true })];
    const second = [conversion()];
    const third = [conversion()];
    await ioctl(dev, first);
    await ioctl(dev, second); // no falling edge: the tail of 700
    await ioctl(dev, third); // the second released chip select: fresh again
    expect([rx(first[0]!), rx(second[0]!), rx(third[0]!)]).toEqual([
      [0xff, 0xfa, 0xbc],
      [0x7a, 0x80, 0x00],
      [0xff, 0xfa, 0xbc],
    ]);
  });
});

describe('the spidev model: time', () => {
  it('sets the clock the BCM2835 divider really gives from a 250 MHz core clock', () => {
    // cdiv = DIV_ROUND_UP(250e6, speed), rounded up to even; speed = 250e6 / cdiv.
    expect(bcm2835EffectiveHz(250e6, 500_000)).toBe(500_000); // 500, even
    expect(bcm2835EffectiveHz(250e6, 1_350_000)).toBe(1_344_086); // 185.2 -> 186
    expect(bcm2835EffectiveHz(250e6, 1_200_000)).toBe(1_190_476); // 208.3 -> 209 -> 210
    expect(bcm2835EffectiveHz(250e6, 200e6)).toBe(125e6); // at least clk/2: cdiv 2
    expect(bcm2835EffectiveHz(250e6, 3000)).toBe(3814); // 83334 >= 65536: cdiv 0 = 65536
  });

  it('samples at the 13th clock and spends 9 clocks a byte plus 10 µs of cs_change', async () => {
    // 500 kHz: 2 µs a clock. Clock 13 is bit 4 of byte 1: (9 + 4 + 1) x 2 = 28 µs.
    // A conversion keeps the bus 3 x 9 x 2 = 54 µs; the second starts at 54 + 10 = 64 µs,
    // samples at 64 + 28 = 92 µs; the message ends at 64 + 54 = 118 µs.
    const dev = new FakeSpiDevice({ signal: (tUs) => tUs, arch: 'arm' });
    const msg = [conversion({ chipSelectChange: true }), conversion()];
    await ioctl(dev, msg);
    expect(msg.map((m) => ((m.receiveBuffer![1]! & 3) << 8) | m.receiveBuffer![2]!)).toEqual([28, 92]);
    expect(dev.nowUs).toBeCloseTo(118, 9);
  });

  it('busy-waits delays up to 10 µs exactly', async () => {
    // 54 + 5 + 10 + 54 + 5 = 128 µs.
    const dev = new FakeSpiDevice({ signal: () => 500, arch: 'arm', schedulingJitterUs: 50 });
    await ioctl(dev, [conversion({ chipSelectChange: true, microSecondDelay: 5 }), conversion({ microSecondDelay: 5 })]);
    expect(dev.lastMessage.endUs - dev.lastMessage.startUs).toBeCloseTo(128, 9);
  });

  it('sleeps longer delays between us and us + us/10', async () => {
    // usleep_range(100, 110) twice: 54 + [100, 110] + 10 + 54 + [100, 110] = [318, 338] µs.
    for (const seed of [1, 2, 3, 4, 5]) {
      const dev = new FakeSpiDevice({ signal: () => 500, arch: 'arm', seed });
      await ioctl(dev, [conversion({ chipSelectChange: true, microSecondDelay: 100 }), conversion({ microSecondDelay: 100 })]);
      expect(dev.nowUs).toBeGreaterThanOrEqual(318);
      expect(dev.nowUs).toBeLessThanOrEqual(338);
    }
  });

  it('adds the seeded scheduling latency on average, and repeats a run for the same seed', async () => {
    // 511 sleeps of 100 µs with a mean latency of 20 µs: 511 x (54 + 10 + 100 + 5 + 20)
    // - 10 (no cs_change after the last) = 96,569 µs on average; the sum of 511
    // exponential latencies has a spread of 20 x sqrt(511) = 452 µs.
    const run = async (seed: number): Promise<number> => {
      const dev = new FakeSpiDevice({ signal: () => 500, arch: 'x64', seed, schedulingJitterUs: 20 });
      const msg = Array.from({ length: 511 }, (_, i) => conversion({ chipSelectChange: i < 510, microSecondDelay: 100 }));
      await ioctl(dev, msg);
      return dev.nowUs;
    };
    const t = await run(9);
    expect(Math.abs(t - 96_569)).toBeLessThan(4 * 452);
    expect(await run(9)).toBe(t);
    expect(await run(10)).not.toBe(t);
  });
});
