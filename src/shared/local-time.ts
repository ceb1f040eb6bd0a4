// The one time module: wall-clock arithmetic in the household's IANA zone, DST
// included, whatever zone the process runs in. Days, tariff slots, Tempo days,
// rollups, exports and every door's dates start at local times, so they all come
// through here. An instant's local fields come from one cached Intl formatter per
// zone; a local time's instant comes from Temporal (the polyfill), so no offset is
// ever guessed or searched for by hand.

import { Temporal } from 'temporal-polyfill';

export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 1 = Monday ... 7 = Sunday (ISO 8601). */
  weekday: number;
}

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function localParts(epochMs: number, timeZone: string): LocalParts {
  const p: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(epochMs)) p[part.type] = part.value;
  return {
    year: Number(p.year),
    month: Number(p.month),
    day: Number(p.day),
    hour: Number(p.hour),
    minute: Number(p.minute),
    second: Number(p.second),
    weekday: WEEKDAYS[p.weekday!] ?? 0,
  };
}

/** Local time minus UTC at that instant, in ms (+3_600_000 for Paris in winter). */
export function offsetMs(epochMs: number, timeZone: string): number {
  const p = localParts(epochMs, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - (epochMs - (((epochMs % 1000) + 1000) % 1000));
}

/**
 * The instant of a local wall-clock time, with Temporal's "compatible" rule: a
 * time that does not exist (the spring-forward hour) moves forward by the gap,
 * and a time that exists twice (the autumn hour) gives the earlier instant.
 */
export function localToEpoch(year: number, month: number, day: number, hour: number, minute: number, timeZone: string): number {
  return Temporal.ZonedDateTime.from({ timeZone, year, month, day, hour, minute }, { disambiguation: 'compatible', overflow: 'reject' }).epochMilliseconds;
}

/** "2026-03-29" */
export type DateKey = string;

export const dateKey = (y: number, m: number, d: number): DateKey => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** Readings, prices and requests start here: an earlier date is a typo or an attack (1800-01-01 once cost 136 s of CPU). */
export const MIN_YEAR = 2000;

/** Date.UTC reads years 0 to 99 as 1900 to 1999: set the year after, so 0099 stays 0099. */
function utcDay(year: number, month: number, day: number): Date {
  const d = new Date(Date.UTC(2000, month - 1, day));
  d.setUTCFullYear(year, month - 1, day);
  return d;
}

export function parseDateKey(key: DateKey): { year: number; month: number; day: number } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(key);
  if (!m) throw new Error(`not a date (YYYY-MM-DD): "${key}"`);
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const check = utcDay(year, month, day);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) throw new Error(`no such date: "${key}"`);
  return { year, month, day };
}

/** A date a request or a file may name: a real calendar date, from 2000 on. */
export const isDateKey = (key: string): boolean => {
  try {
    return parseDateKey(key).year >= MIN_YEAR;
  } catch {
    return false;
  }
};

/** The fields of an ISO 8601 date or date-time, each checked; offsetMin null: local time. */
export interface IsoParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  ms: number;
  dateOnly: boolean;
  offsetMin: number | null;
}

const ISO = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|([+-])(\d{2}):?(\d{2}))?)?$/;

/**
 * Parses `2026-03-29`, `2026-03-29T03:00`, `...:00.250`, `...Z`, `...+02:00`,
 * refusing what Date.parse would roll over or misread: 2026-02-30, T25:00,
 * seconds of 60, offsets past 14 h, years before 2000.
 */
export function parseIso(text: string): IsoParts {
  const m = ISO.exec(text);
  if (!m) throw new RangeError(`not an ISO 8601 date or time: "${text}"`);
  if (!isDateKey(m[1]!)) throw new RangeError(`no such date, or before ${MIN_YEAR}: "${m[1]}"`);
  const { year, month, day } = parseDateKey(m[1]!);
  const [hour, minute, second] = [m[2], m[3], m[4]].map((x) => Number(x ?? 0)) as [number, number, number];
  if (hour > 23 || minute > 59 || second > 59) throw new RangeError(`no such time of day: "${text}"`);
  let offsetMin: number | null = null;
  if (m[6] === 'Z') offsetMin = 0;
  else if (m[6]) {
    const [oh, om] = [Number(m[8]), Number(m[9])];
    if (oh > 14 || om > 59) throw new RangeError(`no such UTC offset: "${m[6]}"`);
    offsetMin = (m[7] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const ms = second * 1000 + Number((m[5] ?? '0').padEnd(3, '0'));
  return { year, month, day, hour, minute, ms, dateOnly: m[2] === undefined, offsetMin };
}

/** 2000-01-01T00:00Z and the first instant of year 10000: epoch ms outside are refused like their ISO forms. */
const MIN_EPOCH_MS = Date.UTC(MIN_YEAR, 0, 1);
const MAX_EPOCH_MS = Date.UTC(10_000, 0, 1);
export const isEpochInRange = (t: number): boolean => Number.isSafeInteger(t) && t >= MIN_EPOCH_MS && t < MAX_EPOCH_MS;

/** Epoch ms of parsed parts that carry an offset (or a date alone: UTC midnight). */
export const isoToEpoch = (p: IsoParts): number => Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) + p.ms - (p.offsetMin ?? 0) * 60_000;

/** The calendar date this many days after (or before) a date; pure calendar arithmetic. */
export function addDays(key: DateKey, days: number): DateKey {
  const { year, month, day } = parseDateKey(key);
  const d = utcDay(year, month, day + days);
  return dateKey(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

export const localDateKey = (epochMs: number, timeZone: string): DateKey => {
  const p = localParts(epochMs, timeZone);
  return dateKey(p.year, p.month, p.day);
};

/** The first instant of a local date: its midnight, or where the day really began in a zone whose clocks skip midnight. */
export function startOfDate(key: DateKey, timeZone: string): number {
  const { year, month, day } = parseDateKey(key);
  return Temporal.PlainDate.from({ year, month, day }).toZonedDateTime({ timeZone }).epochMilliseconds;
}

export const daysInMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** "2026-03-29T03:00:00.250+02:00": ISO 8601 local time with its offset. */
export function isoLocal(epochMs: number, timeZone: string): string {
  const p = localParts(epochMs, timeZone);
  const off = Math.round(offsetMs(epochMs, timeZone) / 60_000);
  const sign = off < 0 ? '-' : '+';
  const a = Math.abs(off);
  const two = (n: number): string => String(n).padStart(2, '0');
  const ms = String(((epochMs % 1000) + 1000) % 1000).padStart(3, '0');
  return `${dateKey(p.year, p.month, p.day)}T${two(p.hour)}:${two(p.minute)}:${two(p.second)}.${ms}${sign}${two(Math.floor(a / 60))}:${two(a % 60)}`;
}

/**
 * isoLocal for millions of rows: the offset is looked up once per quarter hour
 * (no zone changes offset off a quarter hour) and the rest is arithmetic.
 */
export function isoLocalFormatter(timeZone: string): (epochMs: number) => string {
  let quarter = NaN;
  let off = 0;
  let suffix = '';
  const two = (n: number): string => (n < 10 ? `0${n}` : String(n));
  return (t) => {
    const q = Math.floor(t / 900_000);
    if (q !== quarter) {
      quarter = q;
      off = offsetMs(q * 900_000, timeZone);
      const m = Math.round(off / 60_000);
      const a = Math.abs(m);
      suffix = `${m < 0 ? '-' : '+'}${two(Math.floor(a / 60))}:${two(a % 60)}`;
    }
    const d = new Date(t + off);
    const ms = d.getUTCMilliseconds();
    return `${dateKey(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate())}T${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}.${ms < 10 ? '00' : ms < 100 ? '0' : ''}${ms}${suffix}`;
  };
}

/** "2026-03-29 03:00:00.250" in the given zone: Plotly takes a wall-clock string as it is, and epoch numbers as UTC. */
export function toZonedWallClock(epochMs: number, timeZone: string): string {
  const p = localParts(epochMs, timeZone);
  const two = (n: number): string => String(n).padStart(2, '0');
  const ms = String(((epochMs % 1000) + 1000) % 1000).padStart(3, '0');
  return `${dateKey(p.year, p.month, p.day)} ${two(p.hour)}:${two(p.minute)}:${two(p.second)}.${ms}`;
}
