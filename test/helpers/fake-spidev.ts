import type { SpiDevice, SpiMessage, SpiOpener } from '../../src/main/acquisition/spi-bus';

// A stand-in for /dev/spidevB.D with an MCP3008 behind it, faithful to what
// FACTS.md says of the kernel and the chip:
// - one transfer() call is one ioctl; with 512 or more messages the ioctl's size
//   field encodes as 0 and the kernel transfers nothing yet reports success;
// - more than bufsiz bytes (tx or rx) in one ioctl fails with EMSGSIZE;
// - the chip converts only after chip select falls: a message that follows one
//   without chipSelectChange reads the tail of the old conversion (zeros);
// - the clock must stay within the chip's range or the counts are garbage;
// - a loose board gives pinned counts or noise, not an error.

export type Signal = (sampleIndex: number, channel: number) => number;
export type BoardFault = 'none' | 'pinned-low' | 'pinned-high' | 'noise';

export interface FakeSpiOptions {
  signal: Signal;
  bufsiz?: number;
  maxSpeedHz?: number;
}

function errno(code: string, errnoValue: number, text: string): NodeJS.ErrnoException {
  // spi-device passes the system error through: "ENOENT, No such file or directory".
  const e = new Error(`${code}, ${text}`) as NodeJS.ErrnoException;
  e.code = code;
  e.errno = errnoValue;
  return e;
}

export const ERRORS = {
  ENOENT: () => errno('ENOENT', -2, 'No such file or directory'),
  EACCES: () => errno('EACCES', -13, 'Permission denied'),
  EIO: () => errno('EIO', -5, 'Input/output error'),
  EMSGSIZE: () => errno('EMSGSIZE', -90, 'Message too long'),
};

export class FakeSpiDevice implements SpiDevice {
  /** ioctls issued, as the kernel would count them. */
  transfers = 0;
  messages = 0;
  largestTransfer = 0;
  closed = false;
  fault: BoardFault = 'none';
  private sample = 0;
  private pendingErrors: NodeJS.ErrnoException[] = [];
  private csHeld = false;
  private rng = 12345;

  constructor(private readonly o: FakeSpiOptions) {}

  /** The next transfer fails with this error (EIO when the device goes away, say). */
  failNext(err: NodeJS.ErrnoException): void {
    this.pendingErrors.push(err);
  }

  private noise(): number {
    this.rng = (Math.imul(this.rng, 1103515245) + 12345) >>> 0;
    return this.rng % 1024;
  }

  private convert(channel: number, speedHz: number | undefined): number {
    const i = this.sample++;
    if (speedHz !== undefined && (speedHz < 10_000 || speedHz > (this.o.maxSpeedHz ?? 1_900_000))) return this.noise();
    switch (this.fault) {
      case 'pinned-low':
        return 0;
      case 'pinned-high':
        return 1023;
      case 'noise':
        return this.noise();
      default:
        return Math.max(0, Math.min(1023, Math.round(this.o.signal(i, channel))));
    }
  }

  transfer(message: SpiMessage[], cb: (err: NodeJS.ErrnoException | null, message?: SpiMessage[]) => void): void {
    this.transfers++;
    const n = message.length;
    this.largestTransfer = Math.max(this.largestTransfer, n);
    const err = this.pendingErrors.shift();
    if (err) return void setImmediate(() => cb(err));
    if (n >= 512) {
      // SPI_MSGSIZE(n) overflows its 14 bits: size 0, nothing transferred, success.
      return void setImmediate(() => cb(null, message));
    }
    const bytes = message.reduce((s, m) => s + m.byteLength, 0);
    const bufsiz = this.o.bufsiz ?? 4096;
    if (bytes > bufsiz) return void setImmediate(() => cb(ERRORS.EMSGSIZE()));
    for (const m of message) {
      this.messages++;
      const tx = m.sendBuffer;
      const rx = m.receiveBuffer;
      if (rx) {
        if (this.csHeld || !tx || tx[0] !== 0x01 || (tx[1]! & 0x80) === 0) {
          // No fresh conversion: the chip shifts out zeros.
          rx.fill(0, 0, m.byteLength);
        } else {
          const channel = (tx[1]! >> 4) & 0x07;
          const c = this.convert(channel, m.speedHz);
          rx[0] = 0xff; // don't-care bits float high on the wire
          rx[1] = (c >> 8) & 0x03; // null bit (bit 2) is driven low
          rx[2] = c & 0xff;
        }
      }
      this.csHeld = !m.chipSelectChange;
    }
    // The last message of an ioctl always releases chip select.
    this.csHeld = false;
    setImmediate(() => cb(null, message));
  }

  close(cb: (err: NodeJS.ErrnoException | null) => void): void {
    this.closed = true;
    setImmediate(() => cb(null));
  }
}

/**
 * Opens like spi-device: fails with ENOENT when SPI is disabled, EACCES when the
 * user is not in the spi group. `state` can be changed while the app runs.
 */
export function fakeOpener(device: () => FakeSpiDevice, state: { status: 'present' | 'ENOENT' | 'EACCES' }): SpiOpener & { opens: number } {
  const opener = (async () => {
    opener.opens++;
    await new Promise((r) => setImmediate(r));
    if (state.status !== 'present') throw ERRORS[state.status]();
    return device();
  }) as unknown as SpiOpener & { opens: number };
  opener.opens = 0;
  return opener;
}

/** A sine of `amplitude` counts around `mid`, `cyclesPerWindow` cycles over `samples` samples. */
export const sineSignal =
  (amplitude: number, mid: number, samples: number, cyclesPerWindow: number): Signal =>
  (i) =>
    mid + amplitude * Math.sin((2 * Math.PI * cyclesPerWindow * (i % samples)) / samples);
