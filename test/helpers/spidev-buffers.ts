// What drivers/spi/spidev.c checks before a message touches the bus. Written
// from the kernel's sources, not from src/main/acquisition, so that the app's own
// limits are tested against these rather than against themselves.

/** sizeof(struct spi_ioc_transfer) (include/uapi/linux/spi/spidev.h). */
const SPI_IOC_TRANSFER_SIZE = 32;
/** _IOC_SIZEBITS (include/uapi/asm-generic/ioctl.h). */
const IOC_SIZEBITS = 14;

/**
 * SPI_MSGSIZE(N): the ioctl's size field, 0 once N descriptors no longer fit in
 * 14 bits, that is for N >= 512.
 */
export const spiMsgSize = (n: number): number => (n * SPI_IOC_TRANSFER_SIZE < 1 << IOC_SIZEBITS ? n * SPI_IOC_TRANSFER_SIZE : 0);

export type KernelArch = 'arm' | 'arm64' | 'x64';

/**
 * ARCH_DMA_MINALIGN, by which spidev_message() rounds up every transfer in its
 * bounce buffers (spidev.c, since "use ARCH_DMA_MINALIGN", and ARCH_KMALLOC_MINALIGN
 * before, the same value on ARM):
 * - arm: arch/arm/include/asm/cache.h, L1_CACHE_BYTES, 1 << CONFIG_ARM_L1_CACHE_SHIFT,
 *   6 for the ARMv7 of Pi OS armhf;
 * - arm64: arch/arm64/include/asm/cache.h, 128;
 * - x86: its cache.h defines none, so include/linux/cache.h falls back to
 *   __alignof__(unsigned long long), 8 (not the 64-byte L1 line).
 */
const ARCH_DMA_MINALIGN: Record<KernelArch, number> = { arm: 64, arm64: 128, x64: 8 };

const alignUp = (len: number, align: number): number => Math.ceil(len / align) * align;

export interface BounceTransfer {
  len: number;
  hasTx: boolean;
  hasRx: boolean;
}

/**
 * spidev_message()'s first loop: each transfer with a tx (rx) buffer takes
 * ALIGN(len, ARCH_DMA_MINALIGN) bytes of the tx (rx) bounce buffer; past bufsiz
 * the whole message fails with EMSGSIZE before anything is clocked.
 * Returns the bytes used, or null for EMSGSIZE.
 */
export function bounceBytes(transfers: readonly BounceTransfer[], bufsiz: number, arch: KernelArch): { tx: number; rx: number } | null {
  const align = ARCH_DMA_MINALIGN[arch];
  let tx = 0;
  let rx = 0;
  for (const t of transfers) {
    const aligned = alignUp(t.len, align);
    if (t.hasRx) {
      rx += aligned;
      if (rx > bufsiz) return null;
    }
    if (t.hasTx) {
      tx += aligned;
      if (tx > bufsiz) return null;
    }
  }
  return { tx, rx };
}
