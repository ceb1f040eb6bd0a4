import { type DateKey, addDays, localToEpoch, parseDateKey, startOfDate } from '../../shared/local-time';
import { type Slot, type TariffVersion, minuteOfDay } from '../../shared/settings-schema';

/** base: one price all day; hp/hc: heures pleines / heures creuses. */
export type Band = 'base' | 'hp' | 'hc';

/** A stretch of one local day priced one way. */
export interface Segment {
  start: number;
  end: number;
  band: Band;
  /** Tempo only: the Tempo day (06:00 to 06:00) whose colour prices this stretch. */
  tempoDate: DateKey | null;
}

export interface DayPlan {
  date: DateKey;
  start: number;
  end: number;
  version: TariffVersion | null;
  segments: Segment[];
}

const TEMPO_DAY_STARTS = 6 * 60;

export function inSlots(minute: number, slots: readonly Slot[]): boolean {
  return slots.some((s) => {
    const from = minuteOfDay(s.from);
    const to = minuteOfDay(s.to);
    return from < to ? minute >= from && minute < to : minute >= from || minute < to;
  });
}

/** The version in force on a local date: the last one whose effectiveFrom is not after it. */
export function versionOn(date: DateKey, versions: readonly TariffVersion[]): TariffVersion | null {
  let found: TariffVersion | null = null;
  for (const v of versions) if (v.effectiveFrom <= date) found = v;
  return found;
}

/**
 * Cuts one local day at every tariff boundary. Boundaries are local wall-clock
 * minutes turned into instants, so a 23-hour or 25-hour day comes out right; a
 * boundary inside the spring-forward gap lands on the same instant as the gap's
 * end and its empty stretch is dropped.
 */
export function planDay(date: DateKey, versions: readonly TariffVersion[], timeZone: string): DayPlan {
  const start = startOfDate(date, timeZone);
  const end = startOfDate(addDays(date, 1), timeZone);
  const version = versionOn(date, versions);
  const slots = version && version.kind !== 'base' ? version.offPeak : [];
  const minutes = new Set<number>([0]);
  for (const s of slots) {
    minutes.add(minuteOfDay(s.from));
    minutes.add(minuteOfDay(s.to));
  }
  if (version?.kind === 'tempo') minutes.add(TEMPO_DAY_STARTS);
  const { year, month, day } = parseDateKey(date);
  const cuts = [...minutes].sort((a, b) => a - b).map((m) => ({ m, at: m === 0 ? start : localToEpoch(year, month, day, Math.floor(m / 60), m % 60, timeZone) }));
  const segments: Segment[] = [];
  cuts.forEach((c, i) => {
    const next = cuts[i + 1]?.at ?? end;
    if (next <= c.at) return;
    const band: Band = version === null || version.kind === 'base' ? 'base' : inSlots(c.m, slots) ? 'hc' : 'hp';
    const tempoDate = version?.kind === 'tempo' ? (c.m < TEMPO_DAY_STARTS ? addDays(date, -1) : date) : null;
    const last = segments.at(-1);
    // Neighbouring stretches priced alike are one segment: fewer splits per slice.
    if (last && last.band === band && last.tempoDate === tempoDate) last.end = next;
    else segments.push({ start: c.at, end: next, band, tempoDate });
  });
  return { date, start, end, version, segments };
}
