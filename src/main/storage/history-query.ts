import type Database from 'better-sqlite3';
import type { HistoryResponse } from '../../shared/contract';
import { dayPeriod } from '../../shared/zoned-calendar';
import { type Calibration, currentFromRms, powerFromCurrent } from '../acquisition/calibration';
import { chooseLevel } from './history-level';
import { dayBuckets, hourBuckets, minuteBuckets } from './rollup-levels';

interface GroupRow {
  g: number;
  n: number;
  e: number | null;
  c: number;
  m: number;
  lo: number | null;
  hi: number | null;
}

const ROLLUP_SQL = (table: string): string => `
  SELECT b / CAST(? AS INTEGER) AS g, sum(n) AS n, sum(energy_mj) AS e, sum(covered_ms) AS c, sum(missing_ms) AS m, min(min_w) AS lo, max(max_w) AS hi
  FROM ${table} WHERE b >= ? AND b <= ? GROUP BY g ORDER BY g`;

// Parameters bind as REAL: the divisors are cast so that '/' groups.
// Power in SQL from the stored rms, the same formula as calibration.ts, so that a
// raw bucket's mean is time-weighted like a rollup's.
const RAW_SQL = `
  SELECT (k >> 3) / CAST(? AS INTEGER) AS g, count(*) AS n,
    sum(CASE WHEN span_ms > 0 THEN sqrt(max(0, (rms_mc * ?) * (rms_mc * ?) - ?)) * ? * span_ms END) AS e,
    sum(max(span_ms, 0)) AS c, sum(max(-span_ms, 0)) AS m, min(rms_mc) AS lo, max(rms_mc) AS hi
  FROM reading WHERE k >= ? AND k < ? AND (k & 7) = ? GROUP BY g ORDER BY g`;

export interface HistoryQueryOptions {
  calibration(): Calibration;
  channel(): number;
  /** Nominal time between readings (the window length), to size raw buckets. */
  readingIntervalMs(): number;
  timeZone: string;
}

/** The chart's one query over [from, to): per bucket mean, min and max power and missing time, from the coarsest fitting level. */
export class HistoryQuery {
  private readonly rollup: Record<'minute' | 'hour' | 'day', Database.Statement<number[], GroupRow>>;
  private readonly raw: Database.Statement<number[], GroupRow>;
  private readonly days;

  constructor(
    db: Database.Database,
    private readonly o: HistoryQueryOptions,
  ) {
    this.rollup = {
      minute: db.prepare(ROLLUP_SQL('rollup_minute')),
      hour: db.prepare(ROLLUP_SQL('rollup_hour')),
      day: db.prepare(ROLLUP_SQL('rollup_day')),
    };
    this.raw = db.prepare(RAW_SQL);
    this.days = dayBuckets(o.timeZone);
  }

  /** `rawOnly`: the same buckets from raw rows alone, the baseline the benchmark compares with. */
  history(from: number, to: number, maxPoints: number, rawOnly = false): HistoryResponse {
    const chosen = chooseLevel(to - from, maxPoints, this.o.readingIntervalMs());
    const choice = rawOnly ? { ...chosen, level: 'raw' as const, unitMs: chosen.bucketMs } : chosen;
    const perBucket = choice.bucketMs / choice.unitMs;
    const out: HistoryResponse = { level: choice.level, bucketMs: choice.bucketMs, t: [], mean: [], min: [], max: [], missingS: [], n: [] };
    const cal = this.o.calibration();
    const power = (rmsMc: number): number => powerFromCurrent(currentFromRms(rmsMc / 1000, cal), cal);
    let rows: GroupRow[];
    let startOf: (g: number) => number;
    if (choice.level === 'raw') {
      const a = cal.ampsPerCount / 1000;
      const ch = this.o.channel();
      rows = this.raw.all(choice.bucketMs, a, a, cal.noiseFloorA ** 2, cal.volts, from * 8, to * 8, ch);
      startOf = (g) => g * choice.bucketMs;
    } else if (choice.level === 'day') {
      rows = this.rollup.day.all(perBucket, this.days.keyOf(from), this.days.keyOf(to - 1));
      startOf = (g) => dayPeriod(g * perBucket, this.o.timeZone).start;
    } else {
      const b = choice.level === 'minute' ? minuteBuckets : hourBuckets;
      rows = this.rollup[choice.level].all(perBucket, b.keyOf(from), b.keyOf(to - 1));
      startOf = (g) => g * choice.bucketMs;
    }
    for (const r of rows) {
      const raw = choice.level === 'raw';
      const lo = r.lo === null ? null : raw ? power(r.lo) : r.lo;
      const hi = r.hi === null ? null : raw ? power(r.hi) : r.hi;
      out.t.push(startOf(r.g));
      out.n.push(r.n);
      out.mean.push(r.c > 0 && r.e !== null ? r.e / r.c : lo !== null && hi !== null ? (lo + hi) / 2 : null);
      out.min.push(lo);
      out.max.push(hi);
      out.missingS.push(r.m / 1000);
    }
    return out;
  }
}
