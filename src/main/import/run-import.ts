import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type Database from 'better-sqlite3';
import { healthFlags } from '../acquisition/health';
import type { Config } from '../config/config-schema';
import { openDatabase } from '../storage/database';
import { rowKey } from '../storage/reading-codec';
import { MINUTE_MS } from '../storage/rollup-levels';
import { type LegacySource } from './legacy-source';
import { type SkipReason, checkRecord } from './legacy-record';
import { ImportMerge, type MergeCounts } from './import-merge';
import { ImportStage, type ReadCounts, STAGE_WIDTH, type SkippedRecord, emptyCounts } from './import-stage';
import { writeSkipReport } from './import-report';
import type { ProgressBar } from './progress-bar';

export interface ImportPlan {
  source: LegacySource;
  dbPath: string;
  config: Config;
  dryRun: boolean;
  /** Where the skipped records are listed; default beside the database. */
  reportPath?: string;
  progress?: ProgressBar;
  /** Records per source batch (and per staging transaction). */
  batchSize?: number;
  now?: number;
}

export interface ImportSummary {
  source: string;
  dryRun: boolean;
  resumed: boolean;
  read: ReadCounts;
  /** Null on a dry run. */
  merged: MergeCounts | null;
  /** Records in minutes the database already holds (a dry run's forecast of merged.minuteRecorded). */
  alreadyRecorded: number;
  reportPath: string | null;
  /** The first skipped records, for the terminal. */
  examples: SkippedRecord[];
  seconds: { read: number; merge: number; total: number };
}

/** The app recorded within this long: it is running, and the present is its own. */
const LIVE_WINDOW_MS = 10 * MINUTE_MS;
const EXAMPLES = 10;

/** The scratch file of one source's import, beside the database (same disk, removed at the end). */
export const stagePath = (dbPath: string, identity: string): string =>
  `${dbPath}.import-${createHash('sha256').update(identity).digest('hex').slice(0, 12)}.stage`;

const defaultReportPath = (dbPath: string, now: number): string =>
  join(dirname(dbPath), `import-${new Date(now).toISOString().replace(/[:.]/g, '-').slice(0, 19)}.skipped.csv`);

/** Reads, checks and converts every record; valid ones go to `stage` (null: a dry run keeps only counts). */
async function readSource(plan: ImportPlan, stage: ImportStage | null, counts: ReadCounts, now: number, onValid: (k: number) => void): Promise<SkippedRecord[]> {
  const { source, config } = plan;
  const size = plan.batchSize ?? 20_000;
  const total = await source.total();
  const examples: SkippedRecord[] = [];
  const health = { midScale: config.health.midScale, maxDrift: config.health.maxDriftCounts };
  const buf = new Float64Array(size * STAGE_WIDTH);
  plan.progress?.start();
  for await (const batch of source.batches(stage?.position ?? null, size)) {
    let n = 0;
    const skipped: SkippedRecord[] = batch.unreadable.map((u) => ({ ...u, reason: 'unreadable' as SkipReason }));
    for (let i = 0; i < batch.docs.length; i++) {
      const c = checkRecord(batch.docs[i]!, now);
      if (!c.ok) {
        skipped.push({ position: batch.positionOf(i), reason: c.reason, detail: c.detail });
        continue;
      }
      const r = c.reading;
      const at = n++ * STAGE_WIDTH;
      // The stored row's own encoding (see reading-codec): mean and rms to a thousandth of a count.
      buf[at] = rowKey(r.t, r.channel);
      buf[at + 1] = Math.round(r.mean * 1000) - 511_500;
      buf[at + 2] = r.min - 512;
      buf[at + 3] = r.max - 512;
      buf[at + 4] = Math.round(r.rms * 1000);
      buf[at + 5] = healthFlags({ n: 0, mean: r.mean, min: r.min, max: r.max, rms: r.rms }, 0, health);
      counts.firstT = counts.firstT === null ? r.t : Math.min(counts.firstT, r.t);
      counts.lastT = counts.lastT === null ? r.t : Math.max(counts.lastT, r.t);
      onValid(buf[at]!);
    }
    counts.records += batch.docs.length + batch.unreadable.length;
    for (const s of skipped) {
      counts.skipped[s.reason] = (counts.skipped[s.reason] ?? 0) + 1;
      if (examples.length < EXAMPLES) examples.push(s);
    }
    if (stage) stage.add(buf, n, skipped, batch.resumeAt);
    else counts.staged += n;
    plan.progress?.update({ phase: 'reading', done: batch.done, total: total.value, unit: total.unit, records: counts.records });
  }
  plan.progress?.update({ phase: 'reading', done: total.value ?? 0, total: total.value, unit: total.unit, records: counts.records }, true);
  plan.progress?.done();
  return examples;
}

function liveAfter(db: Database.Database, now: number): number {
  const last = (db.prepare('SELECT last_t FROM cursor WHERE id = 0').get() as { last_t: number | null } | undefined)?.last_t ?? null;
  return last !== null && now - last < LIVE_WINDOW_MS ? last : Infinity;
}

/** A dry run: reads and checks everything, forecasts the overlap, writes nothing. */
async function dryRun(plan: ImportPlan, now: number, started: number): Promise<ImportSummary> {
  const counts = emptyCounts();
  const db = existsSync(plan.dbPath) ? openDatabase(plan.dbPath, { readonly: true }) : null;
  const present = db?.prepare('SELECT n FROM rollup_minute WHERE b = ?');
  let minute = NaN;
  let held = false;
  let alreadyRecorded = 0;
  try {
    const examples = await readSource(plan, null, counts, now, (k) => {
      const m = Math.floor(k / 8 / MINUTE_MS);
      if (m !== minute) {
        minute = m;
        held = ((present?.get(m) as { n: number } | undefined)?.n ?? 0) > 0;
      }
      if (held) alreadyRecorded++;
    });
    const s = (performance.now() - started) / 1000;
    return { source: plan.source.label, dryRun: true, resumed: false, read: counts, merged: null, alreadyRecorded, reportPath: null, examples, seconds: { read: s, merge: 0, total: s } };
  } finally {
    db?.close();
  }
}

/**
 * Imports one source into the database: read and check every record into a
 * time-sorted stage, then merge the stage into readings and rollups. Both steps
 * commit their progress with their rows, so running the same command again after
 * a kill resumes, and after a finished import adds nothing.
 */
export async function runImport(plan: ImportPlan): Promise<ImportSummary> {
  const now = plan.now ?? Date.now();
  const started = performance.now();
  if (plan.dryRun) return dryRun(plan, now, started);

  const { source, config } = plan;
  const db = openDatabase(plan.dbPath);
  let stage: ImportStage | null = null;
  try {
    const run = db.prepare('SELECT merged_to, prev_t, finished_at, summary FROM import_run WHERE identity = ?').get(source.identity) as
      | { merged_to: number | null; prev_t: number | null; finished_at: number | null; summary: string | null }
      | undefined;
    const resumable = run !== undefined && run.finished_at === null;
    if (!resumable) {
      db.prepare('INSERT OR REPLACE INTO import_run (identity, started_at) VALUES (?, ?)').run(source.identity, now);
    }
    stage = ImportStage.open(stagePath(plan.dbPath, source.identity), source.identity);
    const resumed = resumable || stage.position !== null;
    let examples: SkippedRecord[] = [];
    if (!stage.readComplete) {
      examples = await readSource(plan, stage, stage.counts, now, () => {});
      stage.finishReading();
    }
    const readS = (performance.now() - started) / 1000;

    const merge = new ImportMerge(
      db,
      source.identity,
      {
        calibration: config.calibration,
        maxGapMs: config.storage.maxGapS * 1000,
        rawFrom: Math.floor((now - config.storage.retentionDays * 86_400_000) / MINUTE_MS) * MINUTE_MS,
        liveAfter: liveAfter(db, now),
        timeZone: config.timeZone,
      },
      resumable ? { prevT: run.prev_t, counts: run.summary === null ? null : (JSON.parse(run.summary) as MergeCounts) } : { prevT: null, counts: null },
    );
    const mergedTo = resumable ? (run.merged_to ?? -1) : -1;
    const toMerge = stage.counts.staged;
    let merged = 0;
    plan.progress?.start();
    for (const page of stage.rowsFrom(mergedTo)) {
      merge.merge(page);
      merged += page.length;
      plan.progress?.update({ phase: 'merging', done: merged, total: toMerge, unit: 'records', records: merged });
    }
    merge.finish();
    plan.progress?.done();

    const skippedTotal = Object.values(stage.counts.skipped).reduce((a, b) => a + b, 0);
    let reportPath: string | null = null;
    if (skippedTotal > 0) {
      reportPath = plan.reportPath ?? defaultReportPath(plan.dbPath, now);
      await writeSkipReport(reportPath, stage.skippedRecords(), source.label);
    }
    if (examples.length === 0 && skippedTotal > 0) examples = [...take(stage.skippedRecords(), EXAMPLES)];
    const total = (performance.now() - started) / 1000;
    const summary: ImportSummary = {
      source: source.label,
      dryRun: false,
      resumed,
      read: stage.counts,
      merged: merge.counts,
      alreadyRecorded: merge.counts.minuteRecorded,
      reportPath,
      examples,
      seconds: { read: readS, merge: total - readS, total },
    };
    db.prepare('UPDATE import_run SET finished_at = ?, summary = ? WHERE identity = ?').run(Date.now(), JSON.stringify(summary), source.identity);
    stage.remove();
    stage = null;
    return summary;
  } finally {
    stage?.close();
    db.close();
  }
}

function* take<T>(it: Iterable<T>, n: number): Generator<T> {
  if (n <= 0) return;
  let i = 0;
  for (const x of it) {
    yield x;
    if (++i >= n) return;
  }
}
