import { type Span, energyMj } from '../energy/span';
import { type Bucketing, type RollupLevel, splitOverBuckets } from './rollup-levels';

/** What one batch adds to one bucket. min/max are null for a bucket that only received missing time. */
export interface RollupDelta {
  n: number;
  energyMj: number;
  coveredMs: number;
  missingMs: number;
  minW: number | null;
  maxW: number | null;
}

const emptyDelta = (): RollupDelta => ({ n: 0, energyMj: 0, coveredMs: 0, missingMs: 0, minW: null, maxW: null });

/**
 * Sums a batch of readings per bucket of each level, in memory, so that the
 * transaction that writes the readings only upserts a handful of rollup rows.
 * A reading's energy goes to the bucket its window ends in (so a rollup's energy
 * is exactly the sum over the raw rows it holds); missing time is spread over
 * every bucket the gap crosses, so a night without readings shows as missing
 * on each of its hours.
 */
export class RollupBatch {
  readonly deltas = new Map<RollupLevel, Map<number, RollupDelta>>();

  constructor(private readonly levels: readonly Bucketing[]) {
    for (const l of levels) this.deltas.set(l.level, new Map());
  }

  private at(level: RollupLevel, key: number): RollupDelta {
    const m = this.deltas.get(level)!;
    let d = m.get(key);
    if (!d) m.set(key, (d = emptyDelta()));
    return d;
  }

  add(t: number, powerW: number, span: Span): void {
    const w = Math.round(powerW);
    const e = energyMj(powerW, span);
    for (const l of this.levels) {
      const d = this.at(l.level, l.keyOf(t));
      d.n += 1;
      d.energyMj += e;
      if (span.kind === 'covered') d.coveredMs += span.ms;
      d.minW = d.minW === null ? w : Math.min(d.minW, w);
      d.maxW = d.maxW === null ? w : Math.max(d.maxW, w);
      if (span.kind === 'missing') {
        splitOverBuckets(t - span.ms, t, l, (key, ms) => {
          this.at(l.level, key).missingMs += ms;
        });
      }
    }
  }
}
