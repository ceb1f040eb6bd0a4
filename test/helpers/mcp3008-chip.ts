import { mulberry32 } from '../../src/main/acquisition/prng';

// The MCP3008 seen one clock at a time, as its datasheet (DS21295, section 5
// "Serial communication" and figure 6-2) describes it, so that framing mistakes
// show as the chip would show them, not as an error:
// - a conversion starts only after a falling edge of CS: the first 1 on DIN is the
//   start bit, then SGL/DIFF, D2, D1, D0;
// - the input is sampled up to the falling edge of the 5th clock after the start
//   bit; on that falling edge DOUT gives a low null bit, then B9..B0 MSB first;
// - clocked on with CS still low, it shifts out B1..B9 (LSB first, B0 shared),
//   then zeros for ever;
// - before the null bit DOUT is high impedance: read here as 1, which is what the
//   RX_SENTINEL check in mcp3008-protocol relies on not to mistake for data.

/** The analog input of a channel at an instant, in counts (0..1023 before rounding). */
export type Signal = (tUs: number, channel: number) => number;
export type BoardFault = 'none' | 'pinned-low' | 'pinned-high' | 'noise';

type State =
  | { kind: 'idle' }
  | { kind: 'wait-start' }
  | { kind: 'config'; bits: number; value: number }
  | { kind: 'sample'; channel: number }
  | { kind: 'null' }
  | { kind: 'msb'; bit: number }
  | { kind: 'lsb'; bit: number }
  | { kind: 'zeros' };

export interface ChipOptions {
  signal: Signal;
  /** Clock range over which conversions are valid (datasheet: 10 kHz .. about 1.9 MHz at 3.3 V). */
  minClockHz?: number;
  maxClockHz?: number;
  seed?: number;
}

export class Mcp3008Chip {
  fault: BoardFault = 'none';
  /** Conversions started (falling edge, start bit, sample). */
  conversions = 0;
  private state: State = { kind: 'idle' };
  private result = 0;
  private readonly rand: () => number;

  constructor(private readonly o: ChipOptions) {
    this.rand = mulberry32(o.seed ?? 12345);
  }

  csFall(): void {
    this.state = { kind: 'wait-start' };
  }

  csRise(): void {
    this.state = { kind: 'idle' };
  }

  /** One clock: DIN is latched on the rising edge; returns what DOUT shows there. */
  clock(din: number, tUs: number, clockHz: number): number {
    const s = this.state;
    switch (s.kind) {
      case 'idle':
        return 1;
      case 'wait-start':
        if (din) this.state = { kind: 'config', bits: 0, value: 0 };
        return 1;
      case 'config': {
        const value = (s.value << 1) | din;
        if (s.bits < 3) {
          this.state = { kind: 'config', bits: s.bits + 1, value };
          return 1;
        }
        if ((value & 0x8) === 0) throw new Error('the model converts single-ended inputs only (SGL/DIFF = 1)');
        this.state = { kind: 'sample', channel: value & 0x7 };
        return 1;
      }
      case 'sample':
        this.result = this.convert(s.channel, tUs, clockHz);
        this.state = { kind: 'null' };
        return 1;
      case 'null':
        this.state = { kind: 'msb', bit: 9 };
        return 0;
      case 'msb':
        this.state = s.bit === 0 ? { kind: 'lsb', bit: 1 } : { kind: 'msb', bit: s.bit - 1 };
        return (this.result >> s.bit) & 1;
      case 'lsb':
        this.state = s.bit === 9 ? { kind: 'zeros' } : { kind: 'lsb', bit: s.bit + 1 };
        return (this.result >> s.bit) & 1;
      case 'zeros':
        return 0;
    }
  }

  private convert(channel: number, tUs: number, clockHz: number): number {
    this.conversions++;
    // Too slow a clock lets the hold capacitor droop; too fast one misses the settling time.
    if (clockHz < (this.o.minClockHz ?? 10_000) || clockHz > (this.o.maxClockHz ?? 1_900_000)) return this.noise();
    switch (this.fault) {
      case 'pinned-low':
        return 0;
      case 'pinned-high':
        return 1023;
      case 'noise':
        return this.noise();
      default: {
        const v = Math.round(this.o.signal(tUs, channel));
        return v < 0 ? 0 : v > 1023 ? 1023 : v;
      }
    }
  }

  private noise(): number {
    return Math.floor(this.rand() * 1024);
  }
}
