import { describe, expect, it } from 'vitest';
import { RX_SENTINEL, decodeResponse, encodeRequest } from '../../../src/main/acquisition/mcp3008-protocol';

describe('mcp3008-protocol', () => {
  describe('encodeRequest()', () => {
    it('sends the start bit, then single-ended and the channel in the high nibble', () => {
      expect([...encodeRequest(0)]).toEqual([0x01, 0x80, 0x00]);
      expect([...encodeRequest(5)]).toEqual([0x01, 0xd0, 0x00]);
      expect([...encodeRequest(7)]).toEqual([0x01, 0xf0, 0x00]);
    });

    it('refuses a channel the chip does not have', () => {
      expect(() => encodeRequest(8)).toThrow(/0\.\.7/);
      expect(() => encodeRequest(-1)).toThrow(RangeError);
    });
  });

  describe('decodeResponse()', () => {
    it('takes the low two bits of byte 1 and all of byte 2', () => {
      expect(decodeResponse(Uint8Array.of(0xff, 0x01, 0xff))).toBe(511);
      expect(decodeResponse(Uint8Array.of(0x00, 0x03, 0xff))).toBe(1023);
      expect(decodeResponse(Uint8Array.of(0x00, 0x00, 0x00))).toBe(0);
      expect(decodeResponse(Uint8Array.of(0x00, 0xf8 & 0xfb, 0x10))).toBe(0x010);
    });

    it('returns null for a message the bus left untouched', () => {
      const rx = new Uint8Array(3).fill(RX_SENTINEL);
      expect(decodeResponse(rx)).toBeNull();
    });

    it('reads a message at an offset inside a batch buffer', () => {
      const rx = Uint8Array.of(0, 0, 0, 0xff, 0x02, 0x05);
      expect(decodeResponse(rx, 3)).toBe(517);
    });
  });
});
