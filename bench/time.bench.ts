import { localParts, localToEpoch, offsetMs, startOfDate } from '../src/shared/local-time';
import { dateOfDayNumber } from '../src/shared/zoned-calendar';
import { fmt, summarize, timeRuns } from './stats';

const TZ = 'Europe/Paris';
const DAY_MS = 86_400_000;
const DAYS = 2000;

// The two hand-written ways the time module replaced, kept here only as the
// baseline: an offset guessed a day either side and checked, and a bisection on
// "local date >= d" to the second.
function guessedLocalToEpoch(y: number, m: number, d: number, h: number, min: number): number {
  const guess = Date.UTC(y, m - 1, d, h, min);
  const before = offsetMs(guess - DAY_MS, TZ);
  const after = offsetMs(guess + DAY_MS, TZ);
  const fits = [guess - before, guess - after].filter((c) => offsetMs(c, TZ) === guess - c);
  return fits.length ? Math.min(...fits) : guess - before;
}

function bisectedStartOfDay(dayNumber: number): number {
  const dayOf = (t: number): number => {
    const p = localParts(t, TZ);
    return Date.UTC(p.year, p.month - 1, p.day) / DAY_MS;
  };
  let lo = dayNumber * DAY_MS - 16 * 3_600_000;
  let hi = dayNumber * DAY_MS + 16 * 3_600_000;
  while (hi - lo > 1000) {
    const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
    if (dayOf(mid) >= dayNumber) hi = mid;
    else lo = mid;
  }
  return hi;
}

const FIRST_DAY = Date.UTC(2024, 0, 1) / DAY_MS;
const keyOf = (n: number): string => {
  const d = dateOfDayNumber(n);
  return `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
};

/**
 * The start of 2000 local days (DST days among them) and a local time on each,
 * by the time module (Temporal, the polyfill) against the two hand-written
 * searches it replaced, measured in the same run; and whether all three agree.
 */
export function run(): string[] {
  const days = Array.from({ length: DAYS }, (_, i) => FIRST_DAY + i);
  const keys = days.map(keyOf);
  let disagree = 0;
  for (let i = 0; i < DAYS; i++) {
    const d = dateOfDayNumber(days[i]!);
    if (startOfDate(keys[i]!, TZ) !== bisectedStartOfDay(days[i]!)) disagree++;
    if (localToEpoch(d.year, d.month, d.day, 2, 30, TZ) !== guessedLocalToEpoch(d.year, d.month, d.day, 2, 30)) disagree++;
  }
  const perDay = (ms: number[]): number => (summarize(ms).median * 1000) / DAYS;
  const bisected = perDay(timeRuns(5, () => days.forEach(bisectedStartOfDay)));
  const guessed = perDay(timeRuns(5, () => days.forEach((n) => ((d) => guessedLocalToEpoch(d.year, d.month, d.day, 2, 30))(dateOfDayNumber(n)))));
  const startTemporal = perDay(timeRuns(5, () => keys.forEach((k) => startOfDate(k, TZ))));
  const localTemporal = perDay(timeRuns(5, () => days.forEach((n) => ((d) => localToEpoch(d.year, d.month, d.day, 2, 30, TZ))(dateOfDayNumber(n)))));
  return [
    `start of a local day: baseline bisection median ${fmt(bisected, 1)} µs, Temporal ${fmt(startTemporal, 1)} µs (${fmt(bisected / startTemporal, 1)}x faster)`,
    `local 02:30 to an instant: baseline guessed offset median ${fmt(guessed, 1)} µs, Temporal ${fmt(localTemporal, 1)} µs (${fmt(guessed / localTemporal, 1)}x faster)`,
    `${DAYS} days from 2024-01-01, Paris: ${disagree} disagreements between the module and the baselines`,
  ];
}
