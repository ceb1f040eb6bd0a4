import { mulberry32 } from '../../src/main/acquisition/prng';

// How long things take on a Pi's SPI bus, from the kernel sources:
// - drivers/spi/spi-bcm2835.c, bcm2835_spi_transfer_one(): the clock is the core
//   clock divided by an even CDIV (DIV_ROUND_UP, then rounded up to even; 2 at the
//   fastest, 0 meaning 65536 at the slowest), and each byte takes 8 clocks plus one
//   idle clock ("so we have 9 cycles/byte");
// - drivers/spi/spi.c, _spi_transfer_delay_ns() (reached through
//   spi_transfer_delay_exec() for delay_usecs): up to 10 µs is udelay(), a busy wait
//   of exactly that; longer is usleep_range(us, us + DIV_ROUND_UP(us, 10)), which
//   wakes anywhere in that range, plus the scheduler's latency;
// - spi.c, _spi_transfer_cs_change_delay(): cs_change with no delay given waits
//   10 µs (unit microseconds, value 0), a busy wait.

/** 8 data clocks plus the controller's idle clock (spi-bcm2835.c). */
const CLOCKS_PER_BYTE = 9;
export const CS_CHANGE_DEFAULT_US = 10;
/** Above this, delays sleep instead of spinning (_spi_transfer_delay_ns). */
const BUSY_WAIT_MAX_US = 10;
/** Pi 3 and earlier: the VPU core clock that feeds SPI0. */
export const DEFAULT_CORE_CLOCK_HZ = 250_000_000;

/** The SCLK bcm2835_spi_transfer_one() really sets for a requested speed. */
export function bcm2835EffectiveHz(coreClockHz: number, speedHz: number): number {
  let cdiv: number;
  if (speedHz >= coreClockHz / 2) cdiv = 2;
  else if (speedHz > 0) {
    cdiv = Math.ceil(coreClockHz / speedHz);
    cdiv += cdiv % 2;
    if (cdiv >= 65536) cdiv = 0;
  } else cdiv = 0;
  return cdiv ? Math.floor(coreClockHz / cdiv) : Math.floor(coreClockHz / 65536);
}

/** Microseconds from the start of a transfer to the rising edge of clock `bit` (0-based) of byte `byte`. */
export const clockAtUs = (byte: number, bit: number, hz: number): number => ((byte * CLOCKS_PER_BYTE + bit + 1) * 1e6) / hz;

/** Microseconds a transfer of `len` bytes keeps the bus busy. */
export const transferUs = (len: number, hz: number): number => (len * CLOCKS_PER_BYTE * 1e6) / hz;

export interface TimingOptions {
  seed?: number;
  /** Mean scheduling latency after a sleep (exponentially distributed); 0 for none. */
  schedulingJitterUs?: number;
  /**
   * Not from the sources: the syscall, spidev's copies and the hand-off through
   * libuv's thread pool, per ioctl, before the first clock. A parameter because it
   * varies from Pi to Pi; scheduling jitter is added to it.
   */
  ioctlOverheadUs?: number;
}

/** The random parts of the timing, seeded so that a run can be repeated exactly. */
export class SpiTiming {
  private readonly rand: () => number;
  readonly jitterUs: number;
  readonly ioctlOverheadUs: number;

  constructor(o: TimingOptions = {}) {
    this.rand = mulberry32(o.seed ?? 1);
    this.jitterUs = o.schedulingJitterUs ?? 0;
    this.ioctlOverheadUs = o.ioctlOverheadUs ?? 0;
  }

  private latency(): number {
    return this.jitterUs > 0 ? -this.jitterUs * Math.log(1 - this.rand()) : 0;
  }

  /** What delay_usecs after a transfer really lasts (spi_transfer_delay_exec). */
  delayUs(us: number): number {
    if (us <= 0) return 0;
    if (us <= BUSY_WAIT_MAX_US) return us;
    return us + this.rand() * Math.ceil(us / 10) + this.latency();
  }

  ioctlUs(): number {
    return this.ioctlOverheadUs + this.latency();
  }
}
