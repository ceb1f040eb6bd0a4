import type { TimeRange } from '../../shared/instant';
import type { ExportRange } from '../../shared/kiosk-contract';
import { addDays, localDateKey, localParts, startOfDate } from '../../shared/local-time';

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
