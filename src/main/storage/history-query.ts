import type Database from 'better-sqlite3';
import type { HistoryResponse } from '../../shared/contract';
import { dayPeriod } from '../../shared/zoned-calendar';
import { type Calibration, currentFromRms, floorOf, powerFromCurrent } from '../acquisition/calibration';
import { type LevelChoice, chooseLevel } from './history-level';
import { keyTime } from './reading-codec';
import { MINUTE_MS, type RollupLevel, TEN_S_MS, currentDayBuckets, hourBuckets, minuteBuckets, tenMinuteBuckets, tenSecondBuckets } from './rollup-levels';

/** One bucket's sums; `low`/`high` are watts from rollups, rms in thousandths of a count from raw rows. */
interface BucketSums {
  bucket: number;
  readings: number;
  energy: number | null;
  coveredMs: number;
  missingMs: number;
  low: number | null;
  high: number | null;
}

// One short range scan per bucket, over the bucket numbers [g0, g1] (@g0, @g1), rather than
// GROUP BY over the rows: SQLite cannot tell that a bucket number grows with the
// key, so GROUP BY sorts every row in a temporary b-tree first (3x slower on a
// month of minutes). json_array carries the bucket's six sums out of the one
// correlated scan; buckets with no rows at all come back as NULL sums and are dropped.
const BUCKETS = 'WITH RECURSIVE grp(x) AS (SELECT @g0 UNION ALL SELECT x + 1 FROM grp WHERE x < @g1)';

const ROLLUP_SQL = (table: string): string => `${BUCKETS}
  SELECT x AS bucket, (SELECT json_array(sum(n), sum(energy_mj), sum(covered_ms), sum(missing_ms), min(min_w), max(max_w))
    FROM ${table} WHERE b >= max(x * @per, @lo) AND b < min((x + 1) * @per, @hi + 1)) AS sums
  FROM grp`;

// Power in SQL from the stored rms, so that a raw bucket's mean is time-weighted
// like a rollup's: floor-energy.ts's rule with pools of one window (signed, so
// that noise below the floor cancels noise above it instead of adding up).
const RAW_SQL = `${BUCKETS}
  SELECT x AS bucket, (SELECT json_array(count(*),
      sum(CASE WHEN span_ms > 0 THEN (CASE WHEN rms_mc * rms_mc * @a2 >= @f THEN sqrt(rms_mc * rms_mc * @a2 - @f) ELSE -sqrt(@f - rms_mc * rms_mc * @a2) END) * @v * span_ms END),
      sum(max(span_ms, 0)), sum(max(-span_ms, 0)), min(rms_mc), max(rms_mc))
    FROM reading WHERE k >= max(x * @per * 8, @lo) AND k < min((x + 1) * @per * 8, @hi) AND (k & 7) = @ch) AS sums
  FROM grp`;

type SumsJson = [readings: number | null, energy: number | null, coveredMs: number | null, missingMs: number | null, low: number | null, high: number | null];

/** Bucket numbers [g0, g1] of `per` keys each, over keys [lo, hi]; SQLite integers, so '/' and '*' stay exact. */
function bucketParams(lo: number, hi: number, per: number): Record<string, bigint> {
  return { per: BigInt(per), lo: BigInt(lo), hi: BigInt(hi), g0: BigInt(Math.floor(lo / per)), g1: BigInt(Math.floor(hi / per)) };
}

type BucketRow = { bucket: number | bigint; sums: string };

function bucketSums(rows: BucketRow[]): BucketSums[] {
  const out: BucketSums[] = [];
  for (const row of rows) {
    const [readings, energy, coveredMs, missingMs, low, high] = JSON.parse(row.sums) as SumsJson;
    // A sum over no rows is NULL: no bucket. A bucket of missing time alone has rows (no readings).
    if (missingMs === null) continue;
    out.push({ bucket: Number(row.bucket), readings: readings ?? 0, energy, coveredMs: coveredMs ?? 0, missingMs, low, high });
  }
  return out;
}

export interface HistoryQueryOptions {
  calibration: () => Calibration;
  channel: () => number;
  /** Nominal time between readings (the window length), to size raw buckets. */
  readingIntervalMs: () => number;
  timeZone: () => string;
}

/** The chart's one query over [from, to): per bucket mean, min and max power and missing time, from the coarsest fitting level. */
export class HistoryQuery {
  private readonly rollup: Record<RollupLevel, Database.Statement<[Record<string, unknown>], BucketRow>>;
  private readonly tenSecondsFrom: Database.Statement<[], { b: number | null }>;
  private readonly firstRawKey: Database.Statement<[], { k: number | null }>;
  private readonly minutesBefore: Database.Statement<[number, number], { found: number }>;
  private readonly raw: Database.Statement<[Record<string, unknown>], BucketRow>;
  private readonly days;

  constructor(
    db: Database.Database,
    private readonly options: HistoryQueryOptions,
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
    this.minutesBefore = db.prepare('SELECT 1 AS found FROM rollup_minute WHERE b >= ? AND b < ? AND n > 0 LIMIT 1');
    this.days = currentDayBuckets(options.timeZone);
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
    const chosen = chooseLevel(to - from, maxPoints, this.options.readingIntervalMs());
    const choice = rawOnly ? { ...chosen, level: 'raw' as const, unitMs: chosen.bucketMs } : this.available(chosen, from, to);
    const perBucket = choice.bucketMs / choice.unitMs;
    const out: HistoryResponse = { level: choice.level, bucketMs: choice.bucketMs, t: [], mean: [], min: [], max: [], missingS: [], n: [] };
    const cal = this.options.calibration();
    const power = (rmsMc: number): number => powerFromCurrent(currentFromRms(rmsMc / 1000, cal), cal);
    let rows: BucketSums[];
    let startOf: (bucket: number) => number;
    if (choice.level === 'raw') {
      // Amperes squared: (rms_mc / 1000 * ampsPerCount)² against the floor's.
      const a2 = (cal.ampsPerCount / 1000) ** 2;
      const f = floorOf(cal).meanSquare * cal.ampsPerCount ** 2;
      const ch = this.options.channel();
      // Raw buckets count time (ms), keys are t * 8 + channel: [from * 8, to * 8).
      const p = bucketParams(from, to - 1, choice.bucketMs);
      rows = bucketSums(this.raw.all({ ...p, lo: BigInt(from * 8), hi: BigInt(to * 8), a2, f, v: cal.volts, ch }));
      startOf = (bucket) => bucket * choice.bucketMs;
    } else if (choice.level === 'day') {
      rows = bucketSums(this.rollup.day.all(bucketParams(this.days.keyOf(from), this.days.keyOf(to - 1), perBucket)));
      startOf = (bucket) => dayPeriod(bucket * perBucket, this.options.timeZone()).start;
    } else {
      const buckets = { '10s': tenSecondBuckets, minute: minuteBuckets, '10min': tenMinuteBuckets, hour: hourBuckets }[choice.level];
      rows = bucketSums(this.rollup[choice.level].all(bucketParams(buckets.keyOf(from), buckets.keyOf(to - 1), perBucket)));
      startOf = (bucket) => bucket * choice.bucketMs;
    }
    const raw = choice.level === 'raw';
    for (const r of rows) {
      const minW = r.low === null ? null : raw ? power(r.low) : r.low;
      const maxW = r.high === null ? null : raw ? power(r.high) : r.high;
      out.t.push(startOf(r.bucket));
      out.n.push(r.readings);
      // Energy near the floor is signed (noise cancels out over time); a chart shows no power below 0.
      out.mean.push(r.coveredMs > 0 && r.energy !== null ? Math.max(0, r.energy / r.coveredMs) : minW !== null && maxW !== null ? (minW + maxW) / 2 : null);
      out.min.push(minW);
      out.max.push(maxW);
      out.missingS.push(r.missingMs / 1000);
    }
    return out;
  }
}
