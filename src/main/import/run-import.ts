import { dirname, join } from 'node:path';
import type Database from 'better-sqlite3';
import type { Config } from '../config/config-schema';
import { openDatabase } from '../storage/database';
import { MINUTE_MS } from '../storage/rollup-levels';
import { BatchMerger } from './batch-merger';
import { EXAMPLES, checkBatch } from './checked-batch';
import { dryRun } from './import-dry-run';
import { type ImportCounts, ImportJournal, type SkippedRecord } from './import-journal';
import { ImportMerge } from './import-merge';
import { writeSkipReport } from './import-report';
import type { LegacySource } from './legacy-source';
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

/** The app recorded within this long: it is running, and the present is its own. */
const LIVE_WINDOW_MS = 10 * MINUTE_MS;

const defaultReportPath = (dbPath: string, now: number): string => join(dirname(dbPath), `import-${new Date(now).toISOString().replace(/[:.]/g, '-').slice(0, 19)}.skipped.csv`);

function liveAfter(db: Database.Database, now: number): number {
  const last = (db.prepare('SELECT last_t FROM cursor WHERE id = 0').get() as { last_t: number | null } | undefined)?.last_t ?? null;
  return last !== null && now - last < LIVE_WINDOW_MS ? last : Infinity;
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
    const merger = new BatchMerger(db, journal, merge, counts, state.mergedTo);
    const examples: SkippedRecord[] = [];
    if (!state.readDone) {
      const total = await source.total();
      plan.progress?.start();
      for await (const batch of source.batches(state.position, plan.batchSize ?? 20_000)) {
        const checked = checkBatch(batch, config, now, counts);
        examples.push(...checked.skipped.slice(0, EXAMPLES - examples.length));
        merger.commit(checked, batch.resumeAt);
        plan.progress?.update({ phase: 'importing', done: batch.done, total: total.value, unit: total.unit, records: counts.records });
      }
      plan.progress?.done();
      merger.flushTail();
    }
    // Late records, in time order, where their minute is still free.
    while (merger.mergeLate(plan.batchSize ?? 20_000));

    const skippedTotal = Object.values(counts.skipped).reduce((a, b) => a + b, 0);
    let reportPath: string | null = null;
    if (skippedTotal > 0) {
      reportPath = plan.reportPath ?? defaultReportPath(plan.dbPath, now);
      await writeSkipReport(reportPath, journal.skippedRecords(), source.label);
      if (examples.length === 0) for (const r of journal.skippedRecords()) if (examples.push(r) >= EXAMPLES) break;
    }
    journal.finish(counts, Date.now());
    return {
      source: source.label,
      dryRun: false,
      resumed: state.resumed,
      counts,
      wouldSkip: counts.minuteHeld,
      reportPath,
      examples,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    db.close();
  }
}
