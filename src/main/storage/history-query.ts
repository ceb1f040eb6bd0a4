import type Database from 'better-sqlite3';
import type { HistoryResponse } from '../../shared/contract';
import { dayPeriod } from '../../shared/zoned-calendar';
import { type Calibration, currentFromRms, floorOf, powerFromCurrent } from '../acquisition/calibration';
import { type LevelChoice, chooseLevel } from './history-level';
import { keyTime } from './reading-codec';
import { MINUTE_MS, type RollupLevel, TEN_S_MS, dayBuckets, hourBuckets, minuteBuckets, tenMinuteBuckets, tenSecondBuckets } from './rollup-levels';

interface GroupRow {
  g: number;
  n: number;
  e: number | null;
  c: number;
  m: number;
  lo: number | null;
  hi: number | null;
}

// One short range scan per bucket, over the bucket numbers [g0, g1], rather than
// GROUP BY over the rows: SQLite cannot tell that a bucket number grows with the
// key, so GROUP BY sorts every row in a temporary b-tree first (3x slower on a
// month of minutes). json_array carries the bucket's six sums out of the one
// correlated scan; buckets with no rows at all come back as NULL sums and are dropped.
const BUCKETS = 'WITH RECURSIVE grp(x) AS (SELECT @g0 UNION ALL SELECT x + 1 FROM grp WHERE x < @g1)';

const ROLLUP_SQL = (table: string): string => `${BUCKETS}
  SELECT x AS g, (SELECT json_array(sum(n), sum(energy_mj), sum(covered_ms), sum(missing_ms), min(min_w), max(max_w))
    FROM ${table} WHERE b >= max(x * @per, @lo) AND b < min((x + 1) * @per, @hi + 1)) AS j
  FROM grp`;

// Power in SQL from the stored rms, so that a raw bucket's mean is time-weighted
// like a rollup's: floor-energy.ts's rule with pools of one window (signed, so
// that noise below the floor cancels noise above it instead of adding up).
const RAW_SQL = `${BUCKETS}
  SELECT x AS g, (SELECT json_array(count(*),
      sum(CASE WHEN span_ms > 0 THEN (CASE WHEN rms_mc * rms_mc * @a2 >= @f THEN sqrt(rms_mc * rms_mc * @a2 - @f) ELSE -sqrt(@f - rms_mc * rms_mc * @a2) END) * @v * span_ms END),
      sum(max(span_ms, 0)), sum(max(-span_ms, 0)), min(rms_mc), max(rms_mc))
    FROM reading WHERE k >= max(x * @per * 8, @lo) AND k < min((x + 1) * @per * 8, @hi) AND (k & 7) = @ch) AS j
  FROM grp`;

type Sums = [n: number | null, e: number | null, c: number | null, m: number | null, lo: number | null, hi: number | null];

/** Bucket numbers [g0, g1] of `per` keys each, over keys [lo, hi]; SQLite integers, so '/' and '*' stay exact. */
function bucketParams(lo: number, hi: number, per: number): Record<string, bigint> {
  return { per: BigInt(per), lo: BigInt(lo), hi: BigInt(hi), g0: BigInt(Math.floor(lo / per)), g1: BigInt(Math.floor(hi / per)) };
}

function groups(rows: { g: number | bigint; j: string }[]): GroupRow[] {
  const out: GroupRow[] = [];
  for (const r of rows) {
    const [n, e, c, m, lo, hi] = JSON.parse(r.j) as Sums;
    // A sum over no rows is NULL: no bucket. A bucket of missing time alone has rows (n = 0).
    if (m === null) continue;
    out.push({ g: Number(r.g), n: n ?? 0, e, c: c ?? 0, m, lo, hi });
  }
  return out;
}

export interface HistoryQueryOptions {
  calibration(): Calibration;
  channel(): number;
  /** Nominal time between readings (the window length), to size raw buckets. */
  readingIntervalMs(): number;
  timeZone: string;
}

/** The chart's one query over [from, to): per bucket mean, min and max power and missing time, from the coarsest fitting level. */
export class HistoryQuery {
  private readonly rollup: Record<RollupLevel, Database.Statement<[Record<string, unknown>], { g: number; j: string }>>;
  private readonly tenSecondsFrom: Database.Statement<[], { b: number | null }>;
  private readonly firstRawKey: Database.Statement<[], { k: number | null }>;
  private readonly minutesBefore: Database.Statement<[number, number], { y: number }>;
  private readonly raw: Database.Statement<[Record<string, unknown>], { g: number; j: string }>;
  private readonly days;

  constructor(
    db: Database.Database,
    private readonly o: HistoryQueryOptions,
  ) {
    this.rollup = {
      '10s': db.prepare(ROLLUP_SQL('rollup_10s')),
      minute: db.prepare(ROLLUP_SQL('rollup_minute')),
      '10min': db.prepare(ROLLUP_SQL('rollup_10min')),
      hour: db.prepare(ROLLUP_SQL('rollup_hour')),
      day: db.prepare(ROLLUP_SQL('rollup_day')),
    };
    this.raw = db.prepare(RAW_SQL);
    this.tenSecondsFrom = db.prepare('SELECT min(b) AS b FROM rollup_10s');
    this.firstRawKey = db.prepare('SELECT min(k) AS k FROM reading');
    this.minutesBefore = db.prepare('SELECT 1 AS y FROM rollup_minute WHERE b >= ? AND b < ? AND n > 0 LIMIT 1');
    this.days = dayBuckets(o.timeZone);
  }

  /**
   * The chosen level where its rows exist: past retention there are no raw rows
   * nor 10 s rollups, only minutes and up (used when the range holds readings
   * only they still count); and a database from before the 10 s level has raw
   * rows without them until those age out.
   */
  private available(chosen: LevelChoice, from: number, to: number): LevelChoice {
    if (chosen.level !== 'raw' && chosen.level !== '10s') return chosen;
    const firstRaw = this.firstRawKey.get()?.k ?? null;
    const rawFrom = firstRaw === null ? Infinity : keyTime(firstRaw);
    if (from < rawFrom && this.minutesBefore.get(Math.floor(from / MINUTE_MS), Math.floor(Math.min(rawFrom, to) / MINUTE_MS))) {
      return { level: 'minute', unitMs: MINUTE_MS, bucketMs: Math.ceil(chosen.bucketMs / MINUTE_MS) * MINUTE_MS };
    }
    if (chosen.level === 'raw') return chosen;
    const tenS = this.tenSecondsFrom.get()?.b ?? null;
    return tenS === null || from < tenS * TEN_S_MS ? { ...chosen, level: 'raw', unitMs: chosen.bucketMs } : chosen;
  }

  /** `rawOnly`: the same buckets from raw rows alone, the baseline the benchmark compares with. */
  history(from: number, to: number, maxPoints: number, rawOnly = false): HistoryResponse {
    const chosen = chooseLevel(to - from, maxPoints, this.o.readingIntervalMs());
    const choice = rawOnly ? { ...chosen, level: 'raw' as const, unitMs: chosen.bucketMs } : this.available(chosen, from, to);
    const perBucket = choice.bucketMs / choice.unitMs;
    const out: HistoryResponse = { level: choice.level, bucketMs: choice.bucketMs, t: [], mean: [], min: [], max: [], missingS: [], n: [] };
    const cal = this.o.calibration();
    const power = (rmsMc: number): number => powerFromCurrent(currentFromRms(rmsMc / 1000, cal), cal);
    let rows: GroupRow[];
    let startOf: (g: number) => number;
    if (choice.level === 'raw') {
      // Amperes squared: (rms_mc / 1000 * ampsPerCount)² against the floor's.
      const a2 = (cal.ampsPerCount / 1000) ** 2;
      const f = floorOf(cal).meanSquare * cal.ampsPerCount ** 2;
      const ch = this.o.channel();
      // Raw buckets count time (ms), keys are t * 8 + channel: [from * 8, to * 8).
      const p = bucketParams(from, to - 1, choice.bucketMs);
      rows = groups(this.raw.all({ ...p, lo: BigInt(from * 8), hi: BigInt(to * 8), a2, f, v: cal.volts, ch }));
      startOf = (g) => g * choice.bucketMs;
    } else if (choice.level === 'day') {
      rows = groups(this.rollup.day.all(bucketParams(this.days.keyOf(from), this.days.keyOf(to - 1), perBucket)));
      startOf = (g) => dayPeriod(g * perBucket, this.o.timeZone).start;
    } else {
      const b = { '10s': tenSecondBuckets, minute: minuteBuckets, '10min': tenMinuteBuckets, hour: hourBuckets }[choice.level];
      rows = groups(this.rollup[choice.level].all(bucketParams(b.keyOf(from), b.keyOf(to - 1), perBucket)));
      startOf = (g) => g * choice.bucketMs;
    }
    for (const r of rows) {
      const raw = choice.level === 'raw';
      const lo = r.lo === null ? null : raw ? power(r.lo) : r.lo;
      const hi = r.hi === null ? null : raw ? power(r.hi) : r.hi;
      out.t.push(startOf(r.g));
      out.n.push(r.n);
      // Energy near the floor is signed (noise cancels out over time); a chart shows no power below 0.
      out.mean.push(r.c > 0 && r.e !== null ? Math.max(0, r.e / r.c) : lo !== null && hi !== null ? (lo + hi) / 2 : null);
      out.min.push(lo);
      out.max.push(hi);
      out.missingS.push(r.m / 1000);
    }
    return out;
  }
}
