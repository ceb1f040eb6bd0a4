import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type Database from 'better-sqlite3';
import { healthFlags } from '../acquisition/health';
import type { Config } from '../config/config-schema';
import { openDatabase } from '../storage/database';
import { STAGED, STAGED_WIDTH, encodeStatsInto, rowKey } from '../storage/reading-codec';
import { MINUTE_MS } from '../storage/rollup-levels';
import { type ImportCounts, ImportJournal, type SkippedRecord, emptyCounts } from './import-journal';
import { ImportMerge } from './import-merge';
import { writeSkipReport } from './import-report';
import type { SkipReason } from './legacy-record';
import type { LegacySource, SourceBatch } from './legacy-source';
import type { ProgressBar } from './progress-bar';

export interface ImportPlan {
  source: LegacySource;
  dbPath: string;
  config: Config;
  dryRun: boolean;
  /** Where the skipped records are listed; default beside the database. */
  reportPath?: string;
  progress?: ProgressBar;
  /** Records per source batch, and per transaction. */
  batchSize?: number;
  now?: number;
}

export interface ImportSummary {
  source: string;
  dryRun: boolean;
  resumed: boolean;
  counts: ImportCounts;
  /** A dry run's forecast of counts.minuteHeld: valid records in minutes the database already holds. */
  wouldSkip: number;
  reportPath: string | null;
  /** The first skipped records, for the terminal. */
  examples: SkippedRecord[];
  seconds: number;
}

/**
 * Records out of time order by up to this much (the old clock stepped back a
 * little, or a store returned neighbours swapped) are sorted into place whatever
 * the batch boundaries: the newest this much of each batch waits for the next.
 */
const REORDER_MS = 10 * 60_000;

/** The app recorded within this long: it is running, and the present is its own. */
const LIVE_WINDOW_MS = 10 * MINUTE_MS;
const EXAMPLES = 10;

const defaultReportPath = (dbPath: string, now: number): string =>
  join(dirname(dbPath), `import-${new Date(now).toISOString().replace(/[:.]/g, '-').slice(0, 19)}.skipped.csv`);

/** One source batch checked and converted: valid rows in source order, and the records skipped. */
interface CheckedBatch {
  rows: Float64Array;
  n: number;
  skipped: SkippedRecord[];
}

function checkBatch(batch: SourceBatch, plan: ImportPlan, now: number, counts: ImportCounts): CheckedBatch {
  const health = { midScale: plan.config.health.midScale, maxDrift: plan.config.health.maxDriftCounts };
  const size = batch.docs.length;
  const rows = new Float64Array(size * STAGED_WIDTH);
  const skipped: SkippedRecord[] = batch.unreadable.map((u) => ({ ...u, reason: 'unreadable' as SkipReason }));
  let n = 0;
  for (let i = 0; i < size; i++) {
    const c = batch.check(i, now);
    if (!c.ok) {
      skipped.push({ position: batch.positionOf(i), reason: c.reason, detail: c.detail });
      continue;
    }
    const r = c.reading;
    const at = n++ * STAGED_WIDTH;
    // The stored row's own encoding: mean and rms to a thousandth of a count.
    rows[at + STAGED.key] = rowKey(r.t, r.channel);
    encodeStatsInto(rows, at + STAGED.meanD, r.mean, r.min, r.max, r.rms);
    rows[at + STAGED.flags] = healthFlags({ n: 0, mean: r.mean, min: r.min, max: r.max, rms: r.rms }, 0, health);
    counts.firstT = counts.firstT === null || r.t < counts.firstT ? r.t : counts.firstT;
    counts.lastT = counts.lastT === null || r.t > counts.lastT ? r.t : counts.lastT;
  }
  counts.records += size + batch.unreadable.length;
  counts.valid += n;
  for (const s of skipped) counts.skipped[s.reason] = (counts.skipped[s.reason] ?? 0) + 1;
  return { rows, n, skipped };
}

/** Rows [0, n) of `rows` sorted by key, one row per key (the repeats counted as duplicates). */
function sortedUnique(rows: Float64Array, n: number, counts: ImportCounts): { rows: Float64Array; n: number } {
  let sorted = true;
  for (let i = 1; i < n && sorted; i++) sorted = rows[i * STAGED_WIDTH]! > rows[(i - 1) * STAGED_WIDTH]!;
  if (sorted) return { rows, n };
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => rows[a * STAGED_WIDTH]! - rows[b * STAGED_WIDTH]!);
  const out = new Float64Array(n * STAGED_WIDTH);
  let m = 0;
  for (const i of order) {
    if (m > 0 && rows[i * STAGED_WIDTH] === out[(m - 1) * STAGED_WIDTH]) {
      counts.duplicates++;
      continue;
    }
    out.set(rows.subarray(i * STAGED_WIDTH, (i + 1) * STAGED_WIDTH), m++ * STAGED_WIDTH);
  }
  return { rows: out, n: m };
}

function liveAfter(db: Database.Database, now: number): number {
  const last = (db.prepare('SELECT last_t FROM cursor WHERE id = 0').get() as { last_t: number | null } | undefined)?.last_t ?? null;
  return last !== null && now - last < LIVE_WINDOW_MS ? last : Infinity;
}

/** A dry run: reads and checks everything, forecasts the overlap with the database, writes nothing. */
async function dryRun(plan: ImportPlan, now: number, started: number): Promise<ImportSummary> {
  const counts = emptyCounts();
  const examples: SkippedRecord[] = [];
  const db = existsSync(plan.dbPath) ? openDatabase(plan.dbPath, { readonly: true }) : null;
  const held = db?.prepare<[number], { n: number }>('SELECT n FROM rollup_minute WHERE b = ?');
  const heldMinutes = new Map<number, boolean>();
  let wouldSkip = 0;
  const total = await plan.source.total();
  plan.progress?.start();
  try {
    for await (const batch of plan.source.batches(null, plan.batchSize ?? 20_000)) {
      const c = checkBatch(batch, plan, now, counts);
      examples.push(...c.skipped.slice(0, EXAMPLES - examples.length));
      for (let i = 0; held && i < c.n; i++) {
        const m = Math.floor(c.rows[i * STAGED_WIDTH]! / 8 / MINUTE_MS);
        let h = heldMinutes.get(m);
        if (h === undefined) {
          if (heldMinutes.size > 100_000) heldMinutes.clear();
          heldMinutes.set(m, (h = (held.get(m)?.n ?? 0) > 0));
        }
        if (h) wouldSkip++;
      }
      plan.progress?.update({ phase: 'checking', done: batch.done, total: total.value, unit: total.unit, records: counts.records });
    }
  } finally {
    plan.progress?.done();
    db?.close();
  }
  return { source: plan.source.label, dryRun: true, resumed: false, counts, wouldSkip, reportPath: null, examples, seconds: (performance.now() - started) / 1000 };
}

/**
 * Imports one source: each batch of records is checked and merged into readings
 * and rollups in one transaction with the records it skipped and the source's
 * resume point. Records out of order by up to REORDER_MS are sorted into place;
 * older ones than what is already merged (a bigger clock step back) are held
 * and merged after the rest into the minutes still free: a minute of wall time
 * is recorded once. Running the same
 * command again after a kill resumes; after a finished import it adds nothing.
 */
export async function runImport(plan: ImportPlan): Promise<ImportSummary> {
  const now = plan.now ?? Date.now();
  const started = performance.now();
  if (plan.dryRun) return dryRun(plan, now, started);

  const { source, config } = plan;
  const db = openDatabase(plan.dbPath);
  try {
    const journal = new ImportJournal(db, source.identity);
    const state = journal.begin(now);
    const { counts } = state;
    const merge = new ImportMerge(
      db,
      {
        calibration: config.calibration,
        maxGapMs: config.storage.maxGapS * 1000,
        rawFrom: Math.floor((now - config.storage.retentionDays * 86_400_000) / MINUTE_MS) * MINUTE_MS,
        liveAfter: liveAfter(db, now),
        timeZone: config.timeZone,
      },
      state.prevT,
      counts,
    );
    let frontier = state.mergedTo ?? -Infinity;
    const save = (position: string | null, readDone: boolean): void =>
      journal.save({ position, readDone, mergedTo: Number.isFinite(frontier) ? frontier : null, prevT: merge.runPrevT, counts });
    // IMMEDIATE: the write lock first, so a running kiosk cannot commit between what a batch reads and writes.
    const inBatch = <A extends unknown[]>(f: (...a: A) => void) => {
      const tx = db.transaction(f);
      return (...a: A) => tx.immediate(...a);
    };
    const examples: SkippedRecord[] = [];

    if (!state.readDone) {
      const total = await source.total();
      const commit = inBatch((c: CheckedBatch, position: string) => {
        journal.skip(c.skipped);
        // Rows at or before what is merged are late: held for after the rest.
        // The others join the tail kept from the last batch, are sorted, and
        // merged up to REORDER_MS before the newest; the rest is the new tail.
        const tail = journal.pendingAfter(frontier);
        const fresh = new Float64Array((c.n + tail.n) * STAGED_WIDTH);
        fresh.set(tail.rows);
        let nFresh = tail.n;
        let nLate = 0;
        for (let i = 0; i < c.n; i++) {
          const at = i * STAGED_WIDTH;
          if (c.rows[at]! <= frontier) {
            journal.hold(c.rows, i, i + 1);
            nLate++;
            continue;
          }
          const to = nFresh++ * STAGED_WIDTH;
          for (let j = 0; j < STAGED_WIDTH; j++) fresh[to + j] = c.rows[at + j]!;
        }
        counts.outOfOrder += nLate;
        const sorted = sortedUnique(fresh, nFresh, counts);
        if (sorted.n === 0) return save(position, false);
        const cut = sorted.rows[(sorted.n - 1) * STAGED_WIDTH]! - REORDER_MS * 8;
        let upTo = 0;
        while (upTo < sorted.n && sorted.rows[upTo * STAGED_WIDTH]! <= cut) upTo++;
        merge.merge(sorted.rows, 0, upTo);
        if (upTo > 0) {
          const before = frontier;
          frontier = sorted.rows[(upTo - 1) * STAGED_WIDTH]!;
          journal.release(frontier, before);
        }
        // The new tail: what is not merged yet (rows already held from the last batch are ignored).
        journal.hold(sorted.rows, upTo, sorted.n);
        save(position, false);
      });
      const flushTail = inBatch(() => {
        const tail = journal.pendingAfter(frontier);
        merge.merge(tail.rows, 0, tail.n);
        if (tail.n > 0) {
          const before = frontier;
          frontier = tail.rows[(tail.n - 1) * STAGED_WIDTH]!;
          journal.release(frontier, before);
        }
        merge.endRun();
        save(null, true);
      });
      plan.progress?.start();
      for await (const batch of source.batches(state.position, plan.batchSize ?? 20_000)) {
        const c = checkBatch(batch, plan, now, counts);
        examples.push(...c.skipped.slice(0, EXAMPLES - examples.length));
        commit(c, batch.resumeAt);
        plan.progress?.update({ phase: 'importing', done: batch.done, total: total.value, unit: total.unit, records: counts.records });
      }
      plan.progress?.done();
      flushTail();
    }

    // Late records, in time order, where their minute is still free.
    let lateLeft = true;
    const late = inBatch(() => {
      const { rows, n } = journal.pending(plan.batchSize ?? 20_000);
      if (n > 0) {
        merge.merge(rows, 0, n);
        journal.release(rows[(n - 1) * STAGED_WIDTH]!);
      } else merge.endRun();
      save(null, true);
      lateLeft = n > 0;
    });
    while (lateLeft) late();

    const skippedTotal = Object.values(counts.skipped).reduce((a, b) => a + b, 0);
    let reportPath: string | null = null;
    if (skippedTotal > 0) {
      reportPath = plan.reportPath ?? defaultReportPath(plan.dbPath, now);
      await writeSkipReport(reportPath, journal.skippedRecords(), source.label);
      if (examples.length === 0) for (const r of journal.skippedRecords()) if (examples.push(r) >= EXAMPLES) break;
    }
    journal.finish(counts, Date.now());
    return { source: source.label, dryRun: false, resumed: state.resumed, counts, wouldSkip: counts.minuteHeld, reportPath, examples, seconds: (performance.now() - started) / 1000 };
  } finally {
    db.close();
  }
}
