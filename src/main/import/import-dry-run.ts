import { existsSync } from 'node:fs';
import { openDatabase } from '../storage/database';
import { STAGED_WIDTH } from '../storage/reading-codec';
import { MINUTE_MS } from '../storage/rollup-levels';
import { EXAMPLES, checkBatch } from './checked-batch';
import { type SkippedRecord, emptyCounts } from './import-journal';
import type { ImportPlan, ImportSummary } from './run-import';

/** A dry run: reads and checks everything, forecasts the overlap with the database, writes nothing. */
export async function dryRun(plan: ImportPlan, now: number, started: number): Promise<ImportSummary> {
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
      const c = checkBatch(batch, plan.config, now, counts);
      examples.push(...c.skipped.slice(0, EXAMPLES - examples.length));
      for (let i = 0; held && i < c.count; i++) {
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
