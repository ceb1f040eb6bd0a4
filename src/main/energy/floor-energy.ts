import { type Calibration, floorOf } from '../acquisition/calibration';

// The one rule that turns stored windows into energy, for every writer of the
// rollups (live, replay, import) and so for every kWh and euro shown.
//
// Noise adds to the signal in mean square. Clipping each window at the floor
// (sqrt(max(0, rms² - floor))) turns noise into energy: an unloaded clamp with
// one count of noise gains about 6 W, and a 0.1 A load, buried in the noise of
// single windows, reads 30 to 70 % low. So:
// - a window well above the floor (ABOVE_SPREADS of the floor's spread) carries
//   its own energy: sqrt(rms² - floor), its noise is a fraction of a per cent;
// - windows near the floor are pooled: their excess mean squares are averaged
//   (noise averages out there, signed), and the pool's current is the signed
//   root of that average. An idle clamp's pools come out as often below the
//   floor as above it, and sum to about nothing; a small load emerges from the
//   noise once a few windows are averaged.
// A pool holds as few windows as bring its noise to a third of the mean square
// of POOL_REFERENCE_A: the fewer, the less a wrong floor moves an idle reading.

const ABOVE_SPREADS = 4;
const POOL_REFERENCE_A = 0.1;
const MAX_POOL = 120;

export interface FloorRule {
  /** W per A and A per count, as the calibration says. */
  volts: number;
  ampsPerCount: number;
  /** counts² */
  floorMs: number;
  /** counts² above the floor from which a window stands alone. */
  aloneFrom: number;
  poolWindows: number;
}

export function floorRule(cal: Calibration): FloorRule {
  const { meanSquare, spread } = floorOf(cal);
  const target = (POOL_REFERENCE_A / cal.ampsPerCount) ** 2 / 3;
  const pool = spread > 0 ? Math.min(MAX_POOL, Math.max(1, Math.ceil((spread / target) ** 2))) : 1;
  return { volts: cal.volts, ampsPerCount: cal.ampsPerCount, floorMs: meanSquare, aloneFrom: ABOVE_SPREADS * spread, poolWindows: pool };
}

const signedRoot = (x: number): number => (x < 0 ? -Math.sqrt(-x) : Math.sqrt(x));

/** mJ (W x ms) over `spanMs` at `excess` counts² above the floor; same association as power x span elsewhere. */
const energyOf = (r: FloorRule, excess: number, spanMs: number): number => signedRoot(excess) * r.ampsPerCount * r.volts * spanMs;

/** One window alone (a reading whose span an import changed): the rule with a pool of one. */
export function windowEnergyMj(cal: Calibration, rmsCounts: number, spanMs: number): number {
  if (spanMs <= 0) return 0;
  const r = floorRule(cal);
  return Math.round(energyOf(r, rmsCounts * rmsCounts - r.floorMs, spanMs));
}

/**
 * The rule over a stream of windows in time order. Each window returns the whole
 * mJ it adds to the buckets it ends in; a pool's energy is handed out as it
 * grows, so every level of rollups receives the same integers and sums agree.
 */
export class FloorEnergy {
  private rule: FloorRule;
  private key: string;
  private n = 0;
  private excessSpan = 0;
  private span = 0;
  private emitted = 0;

  constructor(cal: Calibration) {
    this.rule = floorRule(cal);
    this.key = JSON.stringify(this.rule);
  }

  /** The calibration from the next window on; a new one starts a new pool. */
  use(cal: Calibration): void {
    const rule = floorRule(cal);
    const key = JSON.stringify(rule);
    if (key === this.key) return;
    this.rule = rule;
    this.key = key;
    this.endPool();
  }

  /** @param spanMs the stored span: only > 0 is time with energy; a gap ends the pool. */
  add(rmsCounts: number, spanMs: number): number {
    if (spanMs <= 0) {
      this.endPool();
      return 0;
    }
    const r = this.rule;
    const excess = rmsCounts * rmsCounts - r.floorMs;
    if (excess >= r.aloneFrom) return Math.round(energyOf(r, excess, spanMs));
    this.n++;
    this.excessSpan += excess * spanMs;
    this.span += spanMs;
    const total = Math.round(energyOf(r, this.excessSpan / this.span, this.span));
    const delta = total - this.emitted;
    this.emitted = total;
    if (this.n >= r.poolWindows) this.endPool();
    return delta;
  }

  private endPool(): void {
    this.n = 0;
    this.excessSpan = 0;
    this.span = 0;
    this.emitted = 0;
  }
}
