import { MESSAGE_BYTES } from './mcp3008-protocol';
import { type SpidevLimits, transfersPerIoctl } from './spidev-limits';

export interface WindowPlanInput {
  samples: number;
  windowMs: number;
  speedHz: number;
  limits: SpidevLimits;
}

export interface WindowPlan {
  /** Conversions in each ioctl; they add up to `samples`. */
  ioctls: number[];
  /** First guess at the delay after each conversion; the pacer corrects it from measured windows. */
  delayUs: number;
  /** Time between the starts of two conversions, as asked. */
  periodUs: number;
}

/** MCP3008 clock range (datasheet: 10 kHz minimum for the sample-and-hold, 1.35 MHz at 2.7 V). */
const MIN_SPEED_HZ = 10_000;
const MAX_SPEED_HZ = 1_350_000;
/** The BCM2835 idles one clock after each byte (spi-bcm2835.c: "9 cycles/byte"). */
const BUS_CLOCKS_PER_BYTE = 9;
/** cs_change with no delay given holds chip select up for 10 µs (spi.c, _spi_transfer_cs_change_delay). */
const CS_CHANGE_US = 10;
/** spi_ioc_transfer.delay_usecs is a __u16. */
export const MAX_DELAY_US = 0xffff;

/**
 * Splits a window into as few ioctls as spidev's limits allow, evenly, with
 * samples paced by the per-transfer delay. Pure, so the limits are tested
 * without a bus.
 */
export function planWindow({ samples, windowMs, speedHz, limits }: WindowPlanInput): WindowPlan {
  if (!Number.isInteger(samples) || samples < 1) throw new RangeError(`samples must be a positive integer, got ${samples}`);
  if (speedHz < MIN_SPEED_HZ || speedHz > MAX_SPEED_HZ) {
    throw new RangeError(`SPI speed ${speedHz} Hz is outside the MCP3008 range ${MIN_SPEED_HZ}..${MAX_SPEED_HZ} Hz`);
  }
  const periodUs = (windowMs * 1000) / samples;
  const busyUs = (MESSAGE_BYTES * BUS_CLOCKS_PER_BYTE * 1e6) / speedHz + CS_CHANGE_US;
  const delayUs = Math.round(periodUs - busyUs);
  if (delayUs < 0) {
    throw new RangeError(`${samples} samples in ${windowMs} ms need ${periodUs.toFixed(1)} µs each, but one conversion keeps the bus ${busyUs.toFixed(1)} µs at ${speedHz} Hz`);
  }
  if (delayUs > MAX_DELAY_US) throw new RangeError(`per-sample delay ${delayUs} µs exceeds spidev's 16-bit field`);
  const perIoctl = transfersPerIoctl(MESSAGE_BYTES, limits);
  if (perIoctl < 1) throw new RangeError(`spidev bufsiz ${limits.bufsiz} cannot hold one conversion (${limits.align}-byte aligned)`);
  const count = Math.ceil(samples / perIoctl);
  // Even split: 1000 samples at 64 per ioctl make 16 of 62 or 63, not 15 of 64 and one of 40.
  const base = Math.floor(samples / count);
  const ioctls = Array.from({ length: count }, (_, i) => base + (i < samples % count ? 1 : 0));
  return { ioctls, delayUs, periodUs };
}
