import { existsSync } from 'node:fs';
import { isoLocal } from '../../shared/local-time';
import { loadConfig } from '../config/load-config';
import { defaultDbPath } from '../config/paths';
import { bsonSource, bsonStdinSource } from '../import/bson-source';
import { SKIP_REASONS, type SkipReason } from '../import/legacy-record';
import { type LegacySource, SourceError } from '../import/legacy-source';
import { ProgressBar, formatDuration } from '../import/progress-bar';
import { type ImportSummary, runImport } from '../import/run-import';
import { sqliteSource } from '../import/sqlite-source';
import { type Command, UsageError } from './command';

const n = (x: number): string => x.toLocaleString('en-US');

/** The summary a person reads after an import: what came in (its times local to `timeZone`, as every command gives them), what did not and why, how fast. */
export function describeSummary(s: ImportSummary, timeZone: string): string[] {
  const day = (t: number | null): string => (t === null ? '-' : isoLocal(t, timeZone).replace(/\.\d{3}/, ''));
  const c = s.counts;
  const lines = [
    `${s.dryRun ? 'dry run (nothing written): ' : ''}${n(c.records)} records from ${s.source}${s.resumed ? ' (resumed)' : ''}, ` +
      `valid ones from ${day(c.firstT)} to ${day(c.lastT)}`,
  ];
  if (s.dryRun) {
    lines.push(`  would import up to ${n(c.valid - s.wouldSkip)} readings; ${n(s.wouldSkip)} fall in minutes the database already holds`);
  } else {
    lines.push(`  imported ${n(c.raw + c.rollupOnly)} readings: ${n(c.raw)} kept raw, ${n(c.rollupOnly)} older than the retention kept as minute/hour/day totals only`);
    if (c.minuteHeld > 0)
      lines.push(`  skipped ${n(c.minuteHeld)} in minutes the database already held (recorded by the app, imported before, or a clock step back in the source)`);
    if (c.whileRecording > 0) lines.push(`  skipped ${n(c.whileRecording)} newer than the app's own last reading: it is recording now`);
    if (c.outOfOrder > 0) lines.push(`  ${n(c.outOfOrder)} records came after newer ones (a clock step back, or a repeat): merged after the rest where their minute was free`);
    if (c.respanned > 0) lines.push(`  ${n(c.respanned)} stored readings now follow imported ones: their energy span was corrected`);
  }
  const reasons = Object.entries(c.skipped) as [SkipReason, number][];
  if (reasons.length > 0) {
    const total = reasons.reduce((a, [, x]) => a + x, 0);
    lines.push(`  skipped ${n(total)} malformed records${s.reportPath ? `, each listed in ${s.reportPath}` : ''}:`);
    for (const [reason, count] of reasons) lines.push(`    ${n(count).padStart(10)}  ${reason}: ${SKIP_REASONS[reason]}`);
    for (const e of s.examples) lines.push(`    e.g. ${e.position}: ${e.reason} (${e.detail})`);
  }
  const rate = s.seconds > 0 ? c.records / s.seconds : 0;
  lines.push(`  in ${formatDuration(s.seconds)} (${s.seconds.toFixed(1)} s, ${n(Math.round(rate))} records/s)`);
  return lines;
}

export const importCommand: Command = {
  name: 'import',
  summary: "import the old system's readings: its power.db, a mongodump file, or a live MongoDB",
  usage:
    'corcy-power import sqlite PATH | bson PATH | bson - | mongodb URL [--mongo-db power] [--collection adc]\n' +
    '                   [--dry-run] [--report PATH] [--db PATH] [--config PATH]\n' +
    '  sqlite: the old ~/power.db (table adc). bson: power/adc.bson from mongodump (or .bson.gz);\n' +
    '  bson -: a dump on standard input, e.g. on the old Pi with mongod stopped:\n' +
    '    mongodump --dbpath /var/lib/mongodb --db power --collection adc --out - | corcy-power import bson -\n' +
    '  mongodb: a live server, 4.4 or later (older ones: use the line above).\n' +
    '  Safe to re-run and to run while the kiosk records: a killed import resumes, minutes the\n' +
    '  database already holds are kept and the imported records there skipped. --dry-run reads and\n' +
    '  checks everything and writes nothing. Skipped records are listed in --report (default: a CSV\n' +
    '  beside the database). --batch: records per transaction (default 20000).',
  options: {
    'dry-run': { type: 'boolean' },
    report: { type: 'string' },
    'mongo-db': { type: 'string' },
    collection: { type: 'string' },
    batch: { type: 'string' },
  },
  async run(ctx) {
    const [kind, where, ...extra] = ctx.positionals;
    if (kind === undefined || where === undefined) throw new UsageError('expected a source: sqlite PATH, bson PATH or mongodb URL');
    if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
    const v = ctx.values;
    if (kind !== 'mongodb' && (v['mongo-db'] !== undefined || v.collection !== undefined)) {
      throw new UsageError('--mongo-db and --collection apply to mongodb sources only');
    }
    let source: LegacySource;
    if (kind === 'bson' && where === '-') {
      source = bsonStdinSource();
    } else if (kind === 'sqlite' || kind === 'bson') {
      if (!existsSync(where)) throw new UsageError(`no file at ${where}`);
      source = kind === 'sqlite' ? sqliteSource(where) : bsonSource(where);
    } else if (kind === 'mongodb') {
      if (!/^mongodb(\+srv)?:\/\//.test(where)) throw new UsageError(`expected a mongodb:// URL, got "${where}"`);
      // The driver alone is some 27 MB of resident memory: loaded by this command only,
      // never by serve on a 1 GB Pi.
      const { mongodbSource } = await import('../import/mongodb-source');
      source = mongodbSource(where, { db: (v['mongo-db'] as string | undefined) ?? 'power', collection: (v.collection as string | undefined) ?? 'adc' });
    } else {
      throw new UsageError(`unknown source "${kind}": sqlite, bson or mongodb`);
    }
    const batch = v.batch === undefined ? 20_000 : Number(v.batch);
    if (!Number.isInteger(batch) || batch < 1 || batch > 1_000_000) throw new UsageError(`--batch must be a whole number from 1 to 1000000, got "${String(v.batch)}"`);
    const config = loadConfig(ctx.configPath);
    const dbPath = ctx.dbPath ?? config.storage.path ?? defaultDbPath();
    try {
      const summary = await runImport({
        source,
        dbPath,
        config,
        dryRun: Boolean(v['dry-run']),
        ...(typeof v.report === 'string' ? { reportPath: v.report } : {}),
        progress: new ProgressBar(),
        batchSize: batch,
      });
      console.log(`corcy-power import: ${describeSummary(summary, config.timeZone).join('\n')}`);
      if (!summary.dryRun) console.log(`  into ${dbPath}`);
      return 0;
    } catch (e) {
      if (e instanceof SourceError) throw new UsageError(e.message);
      throw e;
    } finally {
      await source.close();
    }
  },
};
