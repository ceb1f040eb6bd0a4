import type { SpiDevice, SpiMessage, SpiOpenOptions, SpiOpener } from '../../src/main/acquisition/spi-bus';
import { type BoardFault, Mcp3008Chip, type Signal } from './mcp3008-chip';
import { CS_CHANGE_DEFAULT_US, DEFAULT_CORE_CLOCK_HZ, SpiTiming, type TimingOptions, bcm2835EffectiveHz, clockAtUs, transferUs } from './spi-timing';
import { type KernelArch, bounceBytes, spiMsgSize } from './spidev-buffers';

// /dev/spidevB.D with an MCP3008 behind it, as the kernel and spi-device really
// behave (FACTS.md, "Hardware truths"), on a simulated clock:
// - spi-device's transfer() is one SPI_IOC_MESSAGE(n) ioctl (spidev_ioctl);
// - spidev_message()'s bounce buffers, per-transfer alignment and EMSGSIZE
//   (spidev-buffers.ts);
// - spi_transfer_one_message() (spi.c) for chip select: asserted at the start,
//   cs_change between transfers toggles it, cs_change on the last keeps it
//   asserted (keep_cs), and spi_set_cs() does nothing when it would not change;
// - the BCM2835's real clock and the delays (spi-timing.ts);
// - the chip itself (mcp3008-chip.ts).
// Time only moves in the model: `nowUs`, read by the source through nowMs().

export type { BoardFault } from './mcp3008-chip';

export interface FakeSpiOptions extends TimingOptions {
  signal: Signal;
  /** spidev's bufsiz module parameter. */
  bufsiz?: number;
  /** The kernel's architecture; by default the one these tests run on. */
  arch?: KernelArch;
  coreClockHz?: number;
  /** The chip's highest clock for valid conversions. */
  maxSpeedHz?: number;
}

function errno(code: string, errnoValue: number, text: string, syscall?: string): NodeJS.ErrnoException {
  // spi-device passes the system error through: "ENOENT, No such file or directory".
  const e = new Error(`${code}, ${text}`) as NodeJS.ErrnoException;
  e.code = code;
  e.errno = errnoValue;
  if (syscall) e.syscall = syscall;
  return e;
}

export const ERRORS = {
  ENOENT: () => errno('ENOENT', -2, 'No such file or directory', 'open'),
  EACCES: () => errno('EACCES', -13, 'Permission denied', 'open'),
  EIO: () => errno('EIO', -5, 'Input/output error', 'transfer'),
  EINVAL: () => errno('EINVAL', -22, 'Invalid argument', 'transfer'),
  EMSGSIZE: () => errno('EMSGSIZE', -90, 'Message too long', 'transfer'),
};

const hostArch = (): KernelArch => (process.arch === 'arm' || process.arch === 'arm64' ? process.arch : 'x64');

export class FakeSpiDevice implements SpiDevice {
  /** ioctls issued, and spi_ioc_transfers inside the ones that reached the bus. */
  ioctls = 0;
  transfers = 0;
  largestIoctl = 0;
  closed = false;
  /** Simulated time, µs. */
  nowUs = 0;
  /** When the last message that reached the bus started (first clock) and ended, µs. */
  lastMessage = { startUs: 0, endUs: 0 };
  readonly chip: Mcp3008Chip;
  readonly bufsiz: number;
  readonly arch: KernelArch;
  private readonly timing: SpiTiming;
  private speedHz = 125_000_000; // spi-max-frequency of the Pi's spidev overlay, until set
  private csAsserted = false;
  private pendingErrors: NodeJS.ErrnoException[] = [];

  constructor(private readonly o: FakeSpiOptions) {
    this.chip = new Mcp3008Chip({ signal: o.signal, maxClockHz: o.maxSpeedHz, seed: o.seed });
    this.timing = new SpiTiming(o);
    this.bufsiz = o.bufsiz ?? 4096;
    this.arch = o.arch ?? hostArch();
  }

  get fault(): BoardFault {
    return this.chip.fault;
  }

  set fault(f: BoardFault) {
    this.chip.fault = f;
  }

  /** The monotonic clock of this simulated machine, ms. */
  nowMs = (): number => this.nowUs / 1000;

  /** SPI_IOC_WR_MAX_SPEED_HZ and friends, as spi-device's open() sets them. */
  setOptions(options: SpiOpenOptions): void {
    if (options.maxSpeedHz !== undefined) this.speedHz = options.maxSpeedHz;
  }

  /** The next transfer fails with this error (EIO when the device goes away, say). */
  failNext(err: NodeJS.ErrnoException): void {
    this.pendingErrors.push(err);
  }

  transfer(message: SpiMessage[], cb: (err: NodeJS.ErrnoException | null, message?: SpiMessage[]) => void): void {
    validate(message);
    this.ioctls++;
    this.largestIoctl = Math.max(this.largestIoctl, message.length);
    this.nowUs += this.timing.ioctlUs();
    const done = (err: NodeJS.ErrnoException | null): void => void setImmediate(() => (err ? cb(err) : cb(null, message)));
    const err = this.pendingErrors.shift();
    if (err) return done(err);
    const total = message.reduce((s, m) => s + m.byteLength, 0);
    if (spiMsgSize(message.length) === 0) {
      // spidev_get_ioc_message() sees size 0 and returns NULL: the ioctl returns 0
      // having done nothing, and spi-device's Transfer() turns 0 != total into EINVAL.
      return done(total === 0 ? null : ERRORS.EINVAL());
    }
    const shape = message.map((m) => ({ len: m.byteLength, hasTx: !!m.sendBuffer, hasRx: !!m.receiveBuffer }));
    if (!bounceBytes(shape, this.bufsiz, this.arch)) return done(ERRORS.EMSGSIZE());
    this.runMessage(message);
    done(null);
  }

  /** spi_transfer_one_message(), with bcm2835_spi_transfer_one() for each transfer. */
  private runMessage(message: SpiMessage[]): void {
    const rx = message.map((m) => new Uint8Array(m.byteLength));
    const startUs = this.nowUs;
    this.setCs(true);
    let keepCs = false;
    message.forEach((m, i) => {
      this.transfers++;
      const hz = bcm2835EffectiveHz(this.o.coreClockHz ?? DEFAULT_CORE_CLOCK_HZ, m.speedHz || this.speedHz);
      this.clockBytes(m.sendBuffer, rx[i]!, m.byteLength, hz);
      this.nowUs += transferUs(m.byteLength, hz);
      this.nowUs += this.timing.delayUs(m.microSecondDelay ?? 0);
      if (!m.chipSelectChange) return;
      if (i === message.length - 1) keepCs = true;
      else {
        this.setCs(false);
        this.nowUs += CS_CHANGE_DEFAULT_US;
        this.setCs(true);
      }
    });
    if (!keepCs) this.setCs(false);
    this.lastMessage = { startUs, endUs: this.nowUs };
    // spidev_message() copies the rx bounce buffer out only once the message succeeded.
    message.forEach((m, i) => m.receiveBuffer?.set(rx[i]!));
  }

  private clockBytes(tx: Buffer | undefined, rx: Uint8Array, len: number, hz: number): void {
    for (let b = 0; b < len; b++) {
      // bcm2835_wr_fifo() sends 0 where there is no tx buffer.
      const out = tx ? tx[b]! : 0;
      let got = 0;
      for (let bit = 0; bit < 8; bit++) {
        const din = (out >> (7 - bit)) & 1;
        got = (got << 1) | this.chip.clock(din, this.nowUs + clockAtUs(b, bit, hz), hz);
      }
      rx[b] = got;
    }
  }

  /** spi_set_cs(): nothing happens when chip select would not change (last_cs). */
  private setCs(assert: boolean): void {
    if (assert === this.csAsserted) return;
    this.csAsserted = assert;
    if (assert) this.chip.csFall();
    else this.chip.csRise();
  }

  close(cb: (err: NodeJS.ErrnoException | null) => void): void {
    this.closed = true;
    setImmediate(() => cb(null));
  }
}

/** spi-device's ToSpiTransfers(): what it refuses before any ioctl, thrown at once. */
function validate(message: SpiMessage[]): void {
  for (const m of message) {
    if (!Number.isInteger(m.byteLength) || m.byteLength < 0) throw ERRORS.EINVAL();
    if ((m.sendBuffer && m.sendBuffer.length < m.byteLength) || (m.receiveBuffer && m.receiveBuffer.length < m.byteLength)) throw ERRORS.EINVAL();
    if (!m.sendBuffer && !m.receiveBuffer) throw ERRORS.EINVAL();
    if (m.microSecondDelay !== undefined && (!Number.isInteger(m.microSecondDelay) || m.microSecondDelay < 0 || m.microSecondDelay >= 65536)) throw ERRORS.EINVAL();
  }
}

/**
 * Opens like spi-device: fails with ENOENT when SPI is disabled, EACCES when the
 * user is not in the spi group. `state` can be changed while the app runs.
 */
export function fakeOpener(device: () => FakeSpiDevice, state: { status: 'present' | 'ENOENT' | 'EACCES' }): SpiOpener & { opens: number } {
  const opener = (async (_bus: number, _device: number, options: SpiOpenOptions) => {
    opener.opens++;
    await new Promise((r) => setImmediate(r));
    if (state.status !== 'present') throw ERRORS[state.status]();
    const dev = device();
    dev.setOptions(options);
    return dev;
  }) as unknown as SpiOpener & { opens: number };
  opener.opens = 0;
  return opener;
}
