import { z } from 'zod';
import { addDays, isDateKey, localToEpoch, startOfDate } from './local-time';

// The one reading of a time a person or a client types, for every door and
// command: the HTTP routes, IPC, `export`, `simulate` and `import`. A bare date
// is a local day of the configured zone: as a start, its first instant (local
// midnight); as an end, the first instant of the next day, so the day named is
// included. An ISO time without an offset is local time; with one, it is that
// instant. A number is epoch ms.

const ISO_8601 = /^(\d{4}-\d{2}-\d{2})([T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** Epoch ms, a local date (YYYY-MM-DD) or ISO 8601; checked for shape here, turned into an instant by instantOf. */
export type Instant = number | string;

export type RangeEdge = 'start' | 'end';

export const InstantSchema = z.unknown().transform((value, ctx): Instant => {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
  const m = typeof value === 'string' ? ISO_8601.exec(value) : null;
  if (!m || !isDateKey(m[1]!) || Number(m[3] ?? 0) > 23 || Number(m[4] ?? 0) > 59 || Number(m[5] ?? 0) > 59) {
    ctx.addIssue({ code: 'custom', message: `expected a date (YYYY-MM-DD), an ISO 8601 date-time or epoch ms, got ${JSON.stringify(value)}` });
    return z.NEVER;
  }
  return value as string;
});

/** The instant a checked Instant stands for in `timeZone`; `edge` says what a bare date means. */
export function instantOf(value: Instant, timeZone: string, edge: RangeEdge): number {
  if (typeof value === 'number') return value;
  const m = ISO_8601.exec(value);
  if (!m) throw new RangeError(`not a time: "${value}"`);
  const [, date, time, hour, minute, second, fraction, zone] = m;
  if (time === undefined) return startOfDate(edge === 'end' ? addDays(date!, 1) : date!, timeZone);
  if (zone !== undefined) return Date.parse(value.replace(' ', 'T'));
  const [year, month, day] = date!.split('-').map(Number);
  const extraMs = Number(second ?? 0) * 1000 + Number((fraction ?? '0').padEnd(3, '0'));
  return localToEpoch(year!, month!, day!, Number(hour), Number(minute), timeZone) + extraMs;
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
