import { z } from 'zod';
import { MIN_YEAR, addDays, dateKey, isEpochInRange, isoToEpoch, localToEpoch, parseIso, startOfDate } from './local-time';

// The one reading of a time a person or a client types, for every door and
// command: the HTTP routes, IPC, `export`, `simulate` and `import`. A bare date
// is a local day of the configured zone: as a start, its first instant (local
// midnight); as an end, the first instant of the next day, so the day named is
// included. An ISO time without an offset is local time; with one, it is that
// instant. A number is epoch ms. local-time's parseIso checks every field: no
// 2026-02-30, no T25:00, nothing before 2000.

/** Epoch ms, a local date (YYYY-MM-DD) or ISO 8601; checked here, turned into an instant by instantOf. */
export type Instant = number | string;

export type RangeEdge = 'start' | 'end';

export const InstantSchema = z.unknown().transform((value, ctx): Instant => {
  if (typeof value === 'number' && isEpochInRange(value)) return value;
  let why = '';
  if (typeof value === 'string') {
    try {
      if (isEpochInRange(isoToEpoch(parseIso(value)))) return value;
    } catch (e) {
      why = `: ${(e as Error).message}`;
    }
  }
  ctx.addIssue({ code: 'custom', message: `expected an ISO 8601 date-time or epoch ms from ${MIN_YEAR} on, got ${JSON.stringify(value)?.slice(0, 80)}${why}` });
  return z.NEVER;
});

/** The instant a checked Instant stands for in `timeZone`; `edge` says what a bare date means. */
export function instantOf(value: Instant, timeZone: string, edge: RangeEdge): number {
  if (typeof value === 'number') return value;
  const p = parseIso(value);
  if (p.dateOnly) {
    const day = dateKey(p.year, p.month, p.day);
    return startOfDate(edge === 'end' ? addDays(day, 1) : day, timeZone);
  }
  if (p.offsetMin !== null) return isoToEpoch(p);
  return localToEpoch(p.year, p.month, p.day, p.hour, p.minute, timeZone) + p.ms;
}

export interface TimeRange {
  from: number;
  /** Excluded. */
  to: number;
}

export type RangeResult = { ok: true; range: TimeRange } | { ok: false; field: 'from' | 'to'; message: string };

/** from/to as instants, checked: a message naming the field when the range is empty or longer than `maxMs`. */
export function rangeOf(q: { from: Instant; to: Instant }, timeZone: string, maxMs = Infinity): RangeResult {
  const from = instantOf(q.from, timeZone, 'start');
  const to = instantOf(q.to, timeZone, 'end');
  if (!(to > from)) return { ok: false, field: 'to', message: 'must be after "from"' };
  if (to - from > maxMs) return { ok: false, field: 'to', message: `range longer than ${Math.round(maxMs / (366 * 86_400_000))} years` };
  return { ok: true, range: { from, to } };
}
