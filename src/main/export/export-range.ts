import type { ExportRange, Instant } from '../../shared/kiosk-contract';
import { addDays, isoToEpoch, localDateKey, localParts, localToEpoch, parseIso, startOfDate } from '../../shared/local-time';

export interface TimeRange {
  from: number;
  /** Excluded. */
  to: number;
}

/** A preset or two dates (the second included) as local days, weeks starting on Monday. */
export function resolveRange(range: ExportRange, now: number, timeZone: string): TimeRange {
  const today = localDateKey(now, timeZone);
  const days = (a: string, bIncluded: string): TimeRange => ({ from: startOfDate(a, timeZone), to: startOfDate(addDays(bIncluded, 1), timeZone) });
  if (!('preset' in range)) return days(range.fromDate, range.toDate);
  const month = today.slice(0, 7);
  switch (range.preset) {
    case 'today':
      return days(today, today);
    case 'yesterday':
      return days(addDays(today, -1), addDays(today, -1));
    case 'thisWeek': {
      const monday = addDays(today, 1 - localParts(now, timeZone).weekday);
      return days(monday, addDays(monday, 6));
    }
    case 'thisMonth': {
      const next = addDays(`${month}-28`, 4).slice(0, 7);
      return { from: startOfDate(`${month}-01`, timeZone), to: startOfDate(`${next}-01`, timeZone) };
    }
    case 'lastMonth': {
      const first = `${addDays(`${month}-01`, -1).slice(0, 7)}-01`;
      return { from: startOfDate(first, timeZone), to: startOfDate(`${month}-01`, timeZone) };
    }
    case 'thisYear':
      return { from: startOfDate(`${today.slice(0, 4)}-01-01`, timeZone), to: startOfDate(`${Number(today.slice(0, 4)) + 1}-01-01`, timeZone) };
  }
}

/**
 * An instant from the CLI or a query string: epoch ms, a local date (its
 * midnight; as an end, the midnight after, so the day is included), or ISO 8601
 * (local time in the household's zone when it carries no offset).
 */
export function resolveInstant(value: Instant, timeZone: string, asEnd: boolean): number {
  if (typeof value === 'number') return value;
  const p = parseIso(value);
  if (p.dateOnly) return startOfDate(asEnd ? addDays(value, 1) : value, timeZone);
  if (p.offsetMin !== null) return isoToEpoch(p);
  return localToEpoch(p.year, p.month, p.day, p.hour, p.minute, timeZone) + p.ms;
}

/** from/to of a CLI or HTTP export, checked: a message naming the field when wrong. */
export function resolveQueryRange(q: { from: Instant; to: Instant }, timeZone: string): { ok: true; range: TimeRange } | { ok: false; field: 'from' | 'to'; message: string } {
  let from: number;
  try {
    from = resolveInstant(q.from, timeZone, false);
  } catch (e) {
    return { ok: false, field: 'from', message: (e as Error).message };
  }
  let to: number;
  try {
    to = resolveInstant(q.to, timeZone, true);
  } catch (e) {
    return { ok: false, field: 'to', message: (e as Error).message };
  }
  if (to <= from) return { ok: false, field: 'to', message: 'must be after from' };
  return { ok: true, range: { from, to } };
}
