import type { SourceKind } from '../../shared/contract';

/** One window of raw ADC counts. */
export interface SampleWindow {
  /** Counts of the conversions that came back. */
  samples: Uint16Array;
  /** Conversions the bus did not fill (see mcp3008-protocol RX_SENTINEL). */
  lost: number;
  /** How long the window really lasted, monotonic ms, when the source measured it. */
  spanMs?: number;
  /** ioctls the window took, for a source on spidev. */
  ioctls?: number;
}

/** Where windows of samples come from: the MCP3008 on SPI, the kernel driver, or the simulator. */
export interface AdcSource {
  readonly kind: SourceKind;
  /** Throws a SourceError when the device cannot be opened. */
  open: () => Promise<void>;
  /** Resolves when the window has ended; throws a SourceError on a bus failure. */
  readWindow: () => Promise<SampleWindow>;
  close: () => Promise<void>;
}

/** A failure of the source, with an errno-style code and a sentence a person can act on. */
export class SourceError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'SourceError';
  }
}

/** Turns whatever the driver threw into a SourceError that says what to do. */
export function toSourceError(err: unknown, device: string): SourceError {
  if (err instanceof SourceError) return err;
  const e = err as NodeJS.ErrnoException | undefined;
  const code = typeof e?.code === 'string' ? e.code : 'EIO';
  const detail = e?.message ?? String(err);
  switch (code) {
    case 'ENOENT':
      return new SourceError(code, `${device} not found: enable SPI (raspi-config, Interface Options, SPI) and reboot`);
    case 'EACCES':
    case 'EPERM':
      return new SourceError(code, `${device}: permission denied: add this user to the spi group (sudo adduser $USER spi) and log in again`);
    case 'EMSGSIZE':
      return new SourceError(code, `${device}: a transfer larger than spidev's bufsiz: ${detail}`);
    default:
      return new SourceError(code, `${device}: ${detail}`);
  }
}
