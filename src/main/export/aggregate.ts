import type { ExportResolution } from '../../shared/kiosk-contract';
import { addDays, localDateKey, offsetMs, startOfDate } from '../../shared/local-time';
import type { RollupRow } from '../energy/rollup-rows';

export type AggregatedResolution = Exclude<ExportResolution, 'raw'>;

export interface Bucket {
  start: number;
  readings: number;
  /** Mean over the time covered (energy / covered time); NaN when none was. */
  meanW: number;
  wh: number;
  minW: number;
  maxW: number;
  flags: number;
}

const SIZE: Record<'1min' | '1h', number> = { '1min': 60_000, '1h': 3_600_000 };

/**
 * The local bucket an instant falls in. Minutes and hours are cut on the local
 * clock (an India +05:30 hour starts at :00 local), and the autumn hour that
 * happens twice gives two buckets, told apart by their offsets.
 */
function bucketOf(t: number, resolution: AggregatedResolution, timeZone: string): { start: number; end: number } {
  if (resolution === '1day') {
    const day = localDateKey(t, timeZone);
    return { start: startOfDate(day, timeZone), end: startOfDate(addDays(day, 1), timeZone) };
  }
  const size = SIZE[resolution];
  const off = offsetMs(t, timeZone);
  const start = Math.floor((t + off) / size) * size - off;
  return { start, end: start + size };
}

type Open = Bucket & { end: number; coveredMs: number };

const close = (b: Open): Bucket => ({
  start: b.start,
  readings: b.readings,
  meanW: b.coveredMs > 0 ? (b.wh * 3_600_000) / b.coveredMs : NaN,
  wh: b.wh,
  minW: b.minW,
  maxW: b.maxW,
  flags: b.flags,
});

/**
 * Rollup rows (in time order, each inside one export bucket: minutes, ten
 * minutes or local days) summed per local minute, hour or day, with the health
 * flags of the raw readings that are still kept. Only buckets with readings.
 */
export function* aggregate(rows: Iterable<RollupRow>, flagged: Iterable<{ t: number; flags: number }>, resolution: AggregatedResolution, timeZone: string): Generator<Bucket> {
  const marks = flagged[Symbol.iterator]();
  let mark = marks.next();
  let open: Open | null = null;
  for (const r of rows) {
    if (r.readings === 0) continue;
    if (!open || r.start >= open.end || r.start < open.start) {
      if (open) yield close(open);
      const { start, end } = bucketOf(r.start, resolution, timeZone);
      open = { start, end, readings: 0, meanW: 0, coveredMs: 0, wh: 0, minW: Infinity, maxW: -Infinity, flags: 0 };
    }
    open.readings += r.readings;
    open.wh += r.wh;
    open.coveredMs += r.coveredMs;
    open.minW = Math.min(open.minW, r.minW ?? Infinity);
    open.maxW = Math.max(open.maxW, r.maxW ?? -Infinity);
    // A reading belongs to the bucket its window ended in, as in the rollups.
    while (!mark.done && mark.value.t < r.end) {
      if (mark.value.t >= r.start) open.flags |= mark.value.flags;
      mark = marks.next();
    }
  }
  if (open) yield close(open);
}
