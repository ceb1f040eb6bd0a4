// MCP3008 framing (datasheet, "using the MCP3008 with MCU SPI ports"): three bytes
// out, start bit in the first, single-ended flag and channel in the high nibble of
// the second; the 10-bit result comes back in the low bits of bytes 1 and 2.

export const MCP3008_MAX_COUNT = 1023;
export const MESSAGE_BYTES = 3;

export function encodeRequest(channel: number, out: Uint8Array = new Uint8Array(3), offset = 0): Uint8Array {
  if (!Number.isInteger(channel) || channel < 0 || channel > 7) {
    throw new RangeError(`MCP3008 channel must be 0..7, got ${channel}`);
  }
  out[offset] = 0x01;
  out[offset + 1] = (0x08 | channel) << 4;
  out[offset + 2] = 0x00;
  return out;
}

/**
 * The receive buffer is filled with 0xFF before a transfer. The chip always drives
 * a null bit (bit 2 of byte 1) low before the result, so a byte 1 with that bit
 * still high means the bus never touched this message.
 */
export const RX_SENTINEL = 0xff;

/** The count, or null when the message was not transferred. */
export function decodeResponse(rx: Uint8Array, offset = 0): number | null {
  const b1 = rx[offset + 1]!;
  if ((b1 & 0x04) !== 0) return null;
  return ((b1 & 0x03) << 8) | rx[offset + 2]!;
}
