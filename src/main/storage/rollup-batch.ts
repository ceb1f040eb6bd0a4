import { type Bucketing, type RollupLevel, splitOverBuckets } from './rollup-levels';

/** What one batch adds to one bucket. min/max are null for a bucket that only received missing time. */
export interface RollupDelta {
  /** Readings whose window ended in the bucket. */
  readings: number;
  energyMj: number;
  coveredMs: number;
  missingMs: number;
  minW: number | null;
  maxW: number | null;
}

const emptyDelta = (): RollupDelta => ({ readings: 0, energyMj: 0, coveredMs: 0, missingMs: 0, minW: null, maxW: null });

interface LevelState {
  readonly b: Bucketing;
  /** Readings before this go to the other levels only (see Bucketing.withRaw). */
  readonly from: number;
  readonly deltas: Map<number, RollupDelta>;
  lastKey: number;
  last: RollupDelta | null;
}

/**
 * Sums a batch of readings per bucket of each level, in memory, so that the
 * transaction that writes the readings only upserts a handful of rollup rows.
 * A reading's energy goes to the bucket its window ends in (so a rollup's energy
 * is exactly the sum over the raw rows it holds); missing time is spread over
 * every bucket the gap crosses, so a night without readings shows as missing
 * on each of its hours.
 */
export class RollupBatch {
  private readonly states: LevelState[];

  /** @param rawFrom where raw readings start being kept: levels kept with them start there too */
  constructor(levels: readonly Bucketing[], rawFrom = -Infinity) {
    this.states = levels.map((b) => ({ b, from: b.withRaw ? rawFrom : -Infinity, deltas: new Map(), lastKey: NaN, last: null }));
  }

  get deltas(): ReadonlyMap<RollupLevel, ReadonlyMap<number, RollupDelta>> {
    return new Map(this.states.map((s) => [s.b.level, s.deltas]));
  }

  private at(s: LevelState, key: number): RollupDelta {
    // Readings come in time order: the bucket is nearly always the previous one.
    if (key === s.lastKey) return s.last!;
    let d = s.deltas.get(key);
    if (!d) s.deltas.set(key, (d = emptyDelta()));
    s.lastKey = key;
    s.last = d;
    return d;
  }

  /**
   * @param w power rounded to the watt, for min/max
   * @param energyMj the reading's energy (0 unless its span is covered)
   * @param spanMs the stored span: > 0 covered, < 0 missing
   */
  add(t: number, w: number, energyMj: number, spanMs: number): void {
    for (const s of this.states) {
      if (t < s.from) continue;
      const d = this.at(s, s.b.keyOf(t));
      d.readings += 1;
      d.energyMj += energyMj;
      if (spanMs > 0) d.coveredMs += spanMs;
      d.minW = d.minW === null || w < d.minW ? w : d.minW;
      d.maxW = d.maxW === null || w > d.maxW ? w : d.maxW;
      if (spanMs < 0) splitOverBuckets(Math.max(t + spanMs, s.from), t, s.b, (key, ms) => (this.at(s, key).missingMs += ms));
    }
  }

  /**
   * A reading already stored gets a new span (an import filled the gap before
   * it): its energy, covered and missing time move; its count and power do not.
   */
  respan(t: number, oldEnergyMj: number, oldSpanMs: number, newEnergyMj: number, newSpanMs: number): void {
    for (const s of this.states) {
      if (t < s.from) continue;
      const d = this.at(s, s.b.keyOf(t));
      d.energyMj += newEnergyMj - oldEnergyMj;
      d.coveredMs += Math.max(newSpanMs, 0) - Math.max(oldSpanMs, 0);
      if (oldSpanMs < 0) splitOverBuckets(Math.max(t + oldSpanMs, s.from), t, s.b, (key, ms) => (this.at(s, key).missingMs -= ms));
      if (newSpanMs < 0) splitOverBuckets(Math.max(t + newSpanMs, s.from), t, s.b, (key, ms) => (this.at(s, key).missingMs += ms));
    }
  }
}
