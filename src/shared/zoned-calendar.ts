// Local days, months and years in an IANA zone, DST included: the household's
// calendar, whatever zone the Pi or the browser is set to. Pure and zod-free, so
// the renderer can use it too. A day is identified by its day number: days since
// 1970-01-01 of the *local* date, so that 2026-03-29 (23 h in Paris) and
// 2026-10-25 (25 h) are one number each.

import { type LocalParts, dateKey, localParts, startOfDate } from './local-time';

export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

export type LocalDateTime = Omit<LocalParts, 'weekday'>;

const DAY_MS = 86_400_000;

const localDateTime = (epochMs: number, timeZone: string): LocalDateTime => localParts(epochMs, timeZone);

export const dayNumberOfDate = (d: LocalDate): number => Date.UTC(d.year, d.month - 1, d.day) / DAY_MS;

export function dateOfDayNumber(n: number): LocalDate {
  const d = new Date(n * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** The local day number an instant falls in. */
export const localDayNumber = (epochMs: number, timeZone: string): number => dayNumberOfDate(localDateTime(epochMs, timeZone));

/** The first instant of a local date (see startOfDate). */
export const startOfLocalDate = (d: LocalDate, timeZone: string): number => startOfDate(dateKey(d.year, d.month, d.day), timeZone);

export interface Period {
  /** `2026-03-29`, `2026-03` or `2026`. */
  label: string;
  start: number;
  end: number;
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

export function dayPeriod(dayNumber: number, timeZone: string): Period {
  const d = dateOfDayNumber(dayNumber);
  return {
    label: `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}`,
    start: startOfLocalDate(d, timeZone),
    end: startOfLocalDate(dateOfDayNumber(dayNumber + 1), timeZone),
  };
}

export function monthPeriod(year: number, month: number, timeZone: string): Period {
  const next = month === 12 ? { year: year + 1, month: 1 } : { year, month: month + 1 };
  return {
    label: `${pad(year, 4)}-${pad(month)}`,
    start: startOfLocalDate({ year, month, day: 1 }, timeZone),
    end: startOfLocalDate({ ...next, day: 1 }, timeZone),
  };
}

export function yearPeriod(year: number, timeZone: string): Period {
  return {
    label: pad(year, 4),
    start: startOfLocalDate({ year, month: 1, day: 1 }, timeZone),
    end: startOfLocalDate({ year: year + 1, month: 1, day: 1 }, timeZone),
  };
}

export type PeriodKind = 'day' | 'month' | 'year';

/** The local day, month or year an instant belongs to. */
export function periodOf(epochMs: number, per: PeriodKind, timeZone: string): Period {
  const d = localDateTime(epochMs, timeZone);
  if (per === 'day') return dayPeriod(dayNumberOfDate(d), timeZone);
  if (per === 'month') return monthPeriod(d.year, d.month, timeZone);
  return yearPeriod(d.year, timeZone);
}

/** Hours in a local day: 24, or 23 / 25 on DST days. */
export const hoursInLocalDay = (dayNumber: number, timeZone: string): number => {
  const p = dayPeriod(dayNumber, timeZone);
  return (p.end - p.start) / 3_600_000;
};
