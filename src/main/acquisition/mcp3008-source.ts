import { MESSAGE_BYTES, RX_SENTINEL, decodeResponse, encodeRequest } from './mcp3008-protocol';
import { type AdcSource, type SampleWindow, SourceError, toSourceError } from './adc-source';
import { type SpiDevice, type SpiMessage, type SpiOpener, closeAsync, openSpiDevice, transferAsync } from './spi-bus';
import { type SpidevLimits, readSpidevLimits } from './spidev-limits';
import { type PacerState, pace, spreadDelay, startPacer } from './window-pacer';
import { type WindowPlan, planWindow } from './window-plan';

export interface Mcp3008Options {
  bus: number;
  device: number;
  channel: number;
  samples: number;
  windowMs: number;
  speedHz: number;
  opener?: SpiOpener;
  /** spidev's bufsiz and alignment; by default read from /sys and process.arch when opening. */
  limits?: () => Promise<SpidevLimits>;
  /** Monotonic ms, to time each window (the bus model's clock in tests). */
  monotonicMs?: () => number;
}

interface Batch {
  message: SpiMessage[];
  rx: Buffer;
}

/**
 * Reads a window as a few ioctls of paced 3-byte conversions, as few as spidev's
 * limits allow. The buffers are built once at open and reused for every window,
 * so the sampling loop allocates nothing per window.
 */
export class Mcp3008Source implements AdcSource {
  readonly kind = 'mcp3008' as const;
  private dev: SpiDevice | null = null;
  private plan: WindowPlan | null = null;
  private batches: Batch[] = [];
  /** Every transfer of the window in order, for setting the delays. */
  private all: SpiMessage[] = [];
  private pacer: PacerState | null = null;
  private readonly out: Uint16Array;
  private readonly now: () => number;
  readonly path: string;

  constructor(private readonly opts: Mcp3008Options) {
    this.path = `/dev/spidev${opts.bus}.${opts.device}`;
    this.out = new Uint16Array(opts.samples);
    this.now = opts.monotonicMs ?? (() => performance.now());
  }

  get windowPlan(): WindowPlan | null {
    return this.plan;
  }

  /** The per-conversion delay the next window will use, µs. */
  get delayUs(): number | null {
    return this.pacer?.delayUs ?? null;
  }

  async open(): Promise<void> {
    if (this.dev) return;
    try {
      if (!this.plan) this.build(await (this.opts.limits ?? readSpidevLimits)());
      this.dev = await (this.opts.opener ?? openSpiDevice)(this.opts.bus, this.opts.device, {
        mode: 0,
        maxSpeedHz: this.opts.speedHz,
      });
    } catch (err) {
      throw toSourceError(err, this.path);
    }
  }

  private build(limits: SpidevLimits): void {
    const options = this.opts;
    const plan = planWindow({ samples: options.samples, windowMs: options.windowMs, speedHz: options.speedHz, limits });
    this.batches = plan.ioctls.map((n) => {
      const tx = Buffer.alloc(n * MESSAGE_BYTES);
      const rx = Buffer.alloc(n * MESSAGE_BYTES);
      const message = Array.from({ length: n }, (_, i): SpiMessage => {
        encodeRequest(options.channel, tx, i * MESSAGE_BYTES);
        return {
          byteLength: MESSAGE_BYTES,
          sendBuffer: tx.subarray(i * MESSAGE_BYTES, (i + 1) * MESSAGE_BYTES),
          receiveBuffer: rx.subarray(i * MESSAGE_BYTES, (i + 1) * MESSAGE_BYTES),
          speedHz: options.speedHz,
          microSecondDelay: plan.delayUs,
          // The MCP3008 converts only after a falling edge of chip select. Between
          // transfers cs_change raises it and lowers it again; on the last it would
          // mean "keep it asserted after the message" (keep_cs in spi.c), so the
          // next ioctl would start without an edge and read the old tail: 0. The
          // last is left without, and chip select drops at the end of each ioctl.
          chipSelectChange: i < n - 1,
        };
      });
      return { message, rx };
    });
    this.all = this.batches.flatMap((b) => b.message);
    this.plan = plan;
    this.pacer = startPacer(options.windowMs, options.samples, plan.delayUs);
  }

  async readWindow(): Promise<SampleWindow> {
    const dev = this.dev;
    if (!dev || !this.pacer) throw new SourceError('EBADF', `${this.path} is not open`);
    this.applyDelay(this.pacer.delayUs);
    const started = this.now();
    let n = 0;
    let lost = 0;
    for (const { message, rx } of this.batches) {
      rx.fill(RX_SENTINEL);
      try {
        await transferAsync(dev, message);
      } catch (err) {
        // A failed ioctl may mean the device went away: reopen on the next try.
        this.dev = null;
        await closeAsync(dev).catch(() => undefined);
        throw toSourceError(err, this.path);
      }
      for (let i = 0; i < message.length; i++) {
        const c = decodeResponse(rx, i * MESSAGE_BYTES);
        if (c === null) lost++;
        else this.out[n++] = c;
      }
    }
    const spanMs = this.now() - started;
    this.pacer = pace(this.pacer, spanMs);
    if (n === 0) {
      throw new SourceError('EIO', `${this.path}: the bus reported success but returned no conversion`);
    }
    // A view on the reused buffer: the sampler consumes it before the next read.
    return { samples: this.out.subarray(0, n), lost, spanMs, ioctls: this.batches.length };
  }

  private applyDelay(delayUs: number): void {
    spreadDelay(delayUs, this.all.length, (i, us) => {
      this.all[i]!.microSecondDelay = us;
    });
  }

  async close(): Promise<void> {
    const dev = this.dev;
    this.dev = null;
    if (dev) await closeAsync(dev);
  }
}
