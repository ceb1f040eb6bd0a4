import { CLOCKS_PER_CONVERSION, MESSAGE_BYTES } from './mcp3008-protocol';
import { SPIDEV_DEFAULT_BUFSIZ, SPIDEV_MAX_MESSAGES } from './spi-bus';

export interface WindowPlanInput {
  samples: number;
  windowMs: number;
  speedHz: number;
  bufsiz?: number;
}

export interface WindowPlan {
  /** Messages in each transfer (one ioctl each); they add up to `samples`. */
  transfers: number[];
  /** Delay after each conversion so that samples are evenly spaced. */
  delayUs: number;
  /** Time between the starts of two conversions. */
  periodUs: number;
}

/** MCP3008 clock range (datasheet: 10 kHz minimum for the sample-and-hold, 1.35 MHz at 2.7 V). */
export const MIN_SPEED_HZ = 10_000;
export const MAX_SPEED_HZ = 1_350_000;

/**
 * Splits a window into as few transfers as spidev allows, with samples paced by the
 * per-message delay. Pure, so the limits are tested without a bus.
 */
export function planWindow({ samples, windowMs, speedHz, bufsiz = SPIDEV_DEFAULT_BUFSIZ }: WindowPlanInput): WindowPlan {
  if (!Number.isInteger(samples) || samples < 1) throw new RangeError(`samples must be a positive integer, got ${samples}`);
  if (speedHz < MIN_SPEED_HZ || speedHz > MAX_SPEED_HZ) {
    throw new RangeError(`SPI speed ${speedHz} Hz is outside the MCP3008 range ${MIN_SPEED_HZ}..${MAX_SPEED_HZ} Hz`);
  }
  const periodUs = (windowMs * 1000) / samples;
  const conversionUs = (CLOCKS_PER_CONVERSION * 1e6) / speedHz;
  const delayUs = Math.round(periodUs - conversionUs);
  if (delayUs < 0) {
    throw new RangeError(
      `${samples} samples in ${windowMs} ms need ${periodUs.toFixed(1)} µs each, but one conversion takes ${conversionUs.toFixed(1)} µs at ${speedHz} Hz`,
    );
  }
  if (delayUs > 0xffff) throw new RangeError(`per-sample delay ${delayUs} µs exceeds spidev's 16-bit field`);
  const perTransfer = Math.min(SPIDEV_MAX_MESSAGES, Math.floor(bufsiz / MESSAGE_BYTES));
  if (perTransfer < 1) throw new RangeError(`spidev bufsiz ${bufsiz} cannot hold one conversion`);
  const count = Math.ceil(samples / perTransfer);
  // Even split: 1000 samples make two transfers of 500, not 511 + 489.
  const base = Math.floor(samples / count);
  const transfers = Array.from({ length: count }, (_, i) => base + (i < samples % count ? 1 : 0));
  return { transfers, delayUs, periodUs };
}
