import type { ExportResolution } from '../../shared/kiosk-contract';
import { addDays, localDateKey, offsetMs, startOfDate } from '../../shared/local-time';
import type { ReadingSlice } from '../energy/reading-slices';

export interface Bucket {
  start: number;
  readings: number;
  meanW: number;
  meanA: number;
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
export function bucketOf(t: number, resolution: Exclude<ExportResolution, 'raw'>, timeZone: string): { start: number; end: number } {
  if (resolution === '1day') {
    const day = localDateKey(t, timeZone);
    return { start: startOfDate(day, timeZone), end: startOfDate(addDays(day, 1), timeZone) };
  }
  const size = SIZE[resolution];
  const off = offsetMs(t, timeZone);
  const start = Math.floor((t + off) / size) * size - off;
  return { start, end: start + size };
}

/**
 * Summarises readings per local minute, hour or day in one streaming pass: one
 * bucket in memory at a time. Until rollups exist (issue 3) this is how 1 min /
 * 1 h / 1 day exports are made; then the rollup tables give the same rows.
 */
export function* aggregate(slices: Iterable<ReadingSlice>, resolution: Exclude<ExportResolution, 'raw'>, timeZone: string): Generator<Bucket> {
  let cur: (Bucket & { end: number; sumW: number; sumA: number }) | null = null;
  const done = (b: NonNullable<typeof cur>): Bucket => ({
    start: b.start,
    readings: b.readings,
    meanW: b.sumW / b.readings,
    meanA: b.sumA / b.readings,
    wh: b.wh,
    minW: b.minW,
    maxW: b.maxW,
    flags: b.flags,
  });
  for (const s of slices) {
    const r = s.reading;
    if (!cur || r.t >= cur.end || r.t < cur.start) {
      if (cur) yield done(cur);
      const { start, end } = bucketOf(r.t, resolution, timeZone);
      cur = { start, end, readings: 0, meanW: 0, meanA: 0, sumW: 0, sumA: 0, wh: 0, minW: Infinity, maxW: -Infinity, flags: 0 };
    }
    cur.readings++;
    cur.sumW += r.powerW;
    cur.sumA += r.currentA;
    cur.wh += s.wh;
    cur.minW = Math.min(cur.minW, r.powerW);
    cur.maxW = Math.max(cur.maxW, r.powerW);
    cur.flags |= r.flags;
  }
  if (cur) yield done(cur);
}
