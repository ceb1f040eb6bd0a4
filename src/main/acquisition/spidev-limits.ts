import { readFile } from 'node:fs/promises';

// The limits spidev puts on one SPI_IOC_MESSAGE ioctl (drivers/spi/spidev.c),
// read from the running system so that the plan fits the kernel it runs on.

/** A 14-bit ioctl size field over 32-byte transfer descriptors: 511 at most. */
const SPIDEV_MAX_TRANSFERS = 511;
/** spidev's bufsiz when the module parameter cannot be read. */
const SPIDEV_DEFAULT_BUFSIZ = 4096;
const SPIDEV_BUFSIZ_PATH = '/sys/module/spidev/parameters/bufsiz';

export interface SpidevLimits {
  /** Bytes in each of spidev's tx and rx bounce buffers. */
  bufsiz: number;
  /** ARCH_DMA_MINALIGN: every transfer's length is rounded up to it in those buffers. */
  align: number;
}

/**
 * ARCH_DMA_MINALIGN of the kernel for a Node process.arch: 64 on 32-bit ARM
 * (L1_CACHE_BYTES of ARMv7), 128 on arm64, 8 on x86 (no arch value: the
 * alignment of a u64). An unknown architecture gets the largest, which only
 * costs a few more ioctls.
 */
export function dmaMinAlign(arch: string): number {
  switch (arch) {
    case 'arm':
      return 64;
    case 'arm64':
      return 128;
    case 'x64':
    case 'ia32':
      return 8;
    default:
      return 128;
  }
}

/** The bufsiz module parameter, or the default when spidev is built in or the file is missing. */
export async function readSpidevBufsiz(path = SPIDEV_BUFSIZ_PATH): Promise<number> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return SPIDEV_DEFAULT_BUFSIZ;
    throw err;
  }
  const n = Number(text.trim());
  if (!Number.isSafeInteger(n) || n <= 0) throw new Error(`${path}: expected a positive number of bytes, read ${JSON.stringify(text.trim())}`);
  return n;
}

export async function readSpidevLimits(arch: string = process.arch, path = SPIDEV_BUFSIZ_PATH): Promise<SpidevLimits> {
  return { bufsiz: await readSpidevBufsiz(path), align: dmaMinAlign(arch) };
}

/** Transfers of `len` bytes that one ioctl can carry within these limits. */
export function transfersPerIoctl(len: number, limits: SpidevLimits): number {
  const slot = Math.ceil(len / limits.align) * limits.align;
  return Math.min(SPIDEV_MAX_TRANSFERS, Math.floor(limits.bufsiz / slot));
}
