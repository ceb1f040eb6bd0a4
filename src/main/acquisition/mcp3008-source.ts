import { MESSAGE_BYTES, RX_SENTINEL, decodeResponse, encodeRequest } from './mcp3008-protocol';
import { type AdcSource, type SampleWindow, SourceError, toSourceError } from './adc-source';
import { type SpiDevice, type SpiMessage, type SpiOpener, closeAsync, openSpiDevice, transferAsync } from './spi-bus';
import { type WindowPlan, planWindow } from './window-plan';

export interface Mcp3008Options {
  bus: number;
  device: number;
  channel: number;
  samples: number;
  windowMs: number;
  speedHz: number;
  bufsiz?: number;
  opener?: SpiOpener;
}

/**
 * Reads a window as a few large transfers (one ioctl each) of paced 3-byte
 * messages. The buffers are built once and reused for every window, so the
 * sampling loop allocates nothing per window.
 */
export class Mcp3008Source implements AdcSource {
  readonly kind = 'mcp3008' as const;
  private dev: SpiDevice | null = null;
  private readonly plan: WindowPlan;
  private readonly batches: { message: SpiMessage[]; rx: Buffer }[];
  private readonly out: Uint16Array;
  readonly path: string;

  constructor(private readonly opts: Mcp3008Options) {
    this.plan = planWindow({ samples: opts.samples, windowMs: opts.windowMs, speedHz: opts.speedHz, bufsiz: opts.bufsiz });
    this.path = `/dev/spidev${opts.bus}.${opts.device}`;
    this.out = new Uint16Array(opts.samples);
    this.batches = this.plan.transfers.map((n) => {
      const tx = Buffer.alloc(n * MESSAGE_BYTES);
      const rx = Buffer.alloc(n * MESSAGE_BYTES);
      const message: SpiMessage[] = [];
      for (let i = 0; i < n; i++) {
        encodeRequest(opts.channel, tx, i * MESSAGE_BYTES);
        message.push({
          byteLength: MESSAGE_BYTES,
          sendBuffer: tx.subarray(i * MESSAGE_BYTES, (i + 1) * MESSAGE_BYTES),
          receiveBuffer: rx.subarray(i * MESSAGE_BYTES, (i + 1) * MESSAGE_BYTES),
          speedHz: opts.speedHz,
          microSecondDelay: this.plan.delayUs,
          // The MCP3008 starts a conversion on the falling edge of chip select.
          chipSelectChange: true,
        });
      }
      return { message, rx };
    });
  }

  get windowPlan(): WindowPlan {
    return this.plan;
  }

  async open(): Promise<void> {
    if (this.dev) return;
    try {
      this.dev = await (this.opts.opener ?? openSpiDevice)(this.opts.bus, this.opts.device, {
        mode: 0,
        maxSpeedHz: this.opts.speedHz,
      });
    } catch (err) {
      throw toSourceError(err, this.path);
    }
  }

  async readWindow(): Promise<SampleWindow> {
    const dev = this.dev;
    if (!dev) throw new SourceError('EBADF', `${this.path} is not open`);
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
    if (n === 0) {
      throw new SourceError('EIO', `${this.path}: the bus reported success but returned no conversion`);
    }
    // A view on the reused buffer: the sampler consumes it before the next read.
    return { samples: this.out.subarray(0, n), lost };
  }

  async close(): Promise<void> {
    const dev = this.dev;
    this.dev = null;
    if (dev) await closeAsync(dev);
  }
}
