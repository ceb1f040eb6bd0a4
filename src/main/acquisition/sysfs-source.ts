import { type FileHandle, open } from 'node:fs/promises';
import { type AdcSource, type SampleWindow, SourceError, toSourceError } from './adc-source';
import { IIO_ROOT, channelFile, findMcp3008, parseRawCount } from './iio-device';

export interface SysfsOptions {
  channel: number;
  samples: number;
  windowMs: number;
  /** /sys/bus/iio/devices; a temp tree in tests. */
  root?: string;
  /** The file boundary: tests wrap the real handle to inject EIO. */
  openFile?: (path: string) => Promise<Pick<FileHandle, 'read' | 'close'>>;
  /** Monotonic milliseconds, for pacing. */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

const READ_BYTES = 16;
const OVERLAY_HINT = 'add dtoverlay=mcp3008:spi0-0-present to /boot/firmware/config.txt and reboot';

/** Like toSourceError, with advice for the kernel driver rather than spidev. */
function sysfsError(err: unknown, file: string): SourceError {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT' || code === 'ENODEV') return new SourceError(code, `${file} is gone: is the mcp3008 overlay loaded? ${OVERLAY_HINT}`);
  return toSourceError(err, file);
}

/**
 * The kernel's MCP3008 driver (dtoverlay=mcp3008) through sysfs: no native module.
 * Each sample is one read of in_voltageN_raw from offset 0 on a handle kept open
 * (sysfs runs the driver's conversion on every read at offset 0). Reads are paced
 * so the window spans windowMs; the timer cannot wait less than about a
 * millisecond, so samples come in small bursts, evenly on average.
 */
export class SysfsSource implements AdcSource {
  readonly kind = 'sysfs' as const;
  private fh: Pick<FileHandle, 'read' | 'close'> | null = null;
  private file = '';
  private readonly out: Uint16Array;
  private readonly buf = Buffer.alloc(READ_BYTES);
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: SysfsOptions) {
    this.out = new Uint16Array(options.samples);
    this.now = options.now ?? (() => performance.now());
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  /** The attribute read, once open; for the status line and error messages. */
  get path(): string {
    return this.file;
  }

  async open(): Promise<void> {
    if (this.fh) return;
    const root = this.options.root ?? IIO_ROOT;
    const dir = await findMcp3008(root);
    if (!dir) {
      throw new SourceError('ENOENT', `no mcp3008 device in ${root}: ${OVERLAY_HINT}`);
    }
    this.file = channelFile(dir, this.options.channel);
    try {
      this.fh = await (this.options.openFile ?? ((p) => open(p, 'r')))(this.file);
    } catch (err) {
      throw sysfsError(err, this.file);
    }
  }

  async readWindow(): Promise<SampleWindow> {
    const fh = this.fh;
    if (!fh) throw new SourceError('EBADF', `${this.file || 'sysfs'} is not open`);
    const { samples, windowMs } = this.options;
    const interval = windowMs / samples;
    const start = this.now();
    let n = 0;
    let lost = 0;
    let lastError: unknown = null;
    for (let i = 0; i < samples; i++) {
      const ahead = start + i * interval - this.now();
      if (ahead >= 1) await this.sleep(ahead);
      let count: number | null = null;
      try {
        const { bytesRead } = await fh.read(this.buf, 0, READ_BYTES, 0);
        count = parseRawCount(this.buf.toString('latin1', 0, bytesRead));
        if (count === null) lastError = new SourceError('EIO', `${this.file}: unexpected value "${this.buf.toString('latin1', 0, bytesRead).trim()}"`);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        // The device went away (overlay removed, driver unbound): reopen after backoff.
        if (code === 'ENOENT' || code === 'ENODEV' || code === 'EBADF') {
          await this.close();
          throw sysfsError(err, this.file);
        }
        lastError = err;
      }
      if (count === null) lost++;
      else this.out[n++] = count;
    }
    // A conversion that failed now and then is a lost sample (flagged on the reading);
    // a window with none at all is an error, shown and retried.
    if (n === 0) {
      await this.close();
      throw sysfsError(lastError, this.file);
    }
    const rest = windowMs - (this.now() - start);
    if (rest >= 1) await this.sleep(rest);
    return { samples: this.out.subarray(0, n), lost };
  }

  async close(): Promise<void> {
    const fh = this.fh;
    this.fh = null;
    if (fh) await fh.close().catch(() => undefined);
  }
}
