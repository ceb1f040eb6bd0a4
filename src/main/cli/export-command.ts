import { existsSync } from 'node:fs';
import { ExportQuerySchema } from '../../shared/kiosk-contract';
import { loadConfig } from '../config/load-config';
import { defaultDbPath } from '../config/paths';
import { describeIssues } from '../core/zod-issues';
import { writeCsvFile } from '../export/csv-file-writer';
import { csvExport } from '../export/csv-export';
import { rangeOf } from '../../shared/instant';
import { openDatabase } from '../storage/database';
import { type Command, UsageError } from './command';

export const exportCommand: Command = {
  name: 'export',
  summary: 'write readings of a time range to a CSV file (raw or per minute, hour, day)',
  usage:
    'corcy-power export --from DATE|ISO --to DATE|ISO --resolution raw|1min|1h|1day --out PATH [--force] [--locale en|fr] [--db PATH] [--config PATH]\n' +
    '  an existing --out file is kept unless --force\n' +
    '  a DATE (YYYY-MM-DD) is a local day of the configured time zone; --to DATE includes that day',
  options: {
    from: { type: 'string' },
    to: { type: 'string' },
    resolution: { type: 'string' },
    out: { type: 'string' },
    locale: { type: 'string' },
    force: { type: 'boolean' },
  },
  async run(ctx) {
    const v = ctx.values;
    const out = v.out as string | undefined;
    if (!out) throw new UsageError('--out PATH is required');
    const numeric = (s: unknown): unknown => (typeof s === 'string' && /^\d+$/.test(s) ? Number(s) : s);
    const parsed = ExportQuerySchema.safeParse({
      from: numeric(v.from),
      to: numeric(v.to),
      resolution: v.resolution,
      ...(v.locale !== undefined ? { locale: v.locale } : {}),
    });
    if (!parsed.success) {
      throw new UsageError(
        describeIssues(parsed.error.issues)
          .map((m) => m.replace(/^field "(\w+)"/, '--$1'))
          .join('; '),
      );
    }
    const config = loadConfig(ctx.configPath);
    const dbPath = ctx.dbPath ?? config.storage.path ?? defaultDbPath();
    if (!existsSync(dbPath)) throw new UsageError(`no database at ${dbPath}`);
    const q = parsed.data;
    const tz = config.timeZone;
    const r = rangeOf(q, tz);
    if (!r.ok) throw new UsageError(`--${r.field} ${r.message.replace('"from"', '--from')}`);
    const { from, to } = r.range;
    const db = openDatabase(dbPath, { readonly: true });
    try {
      const { lines, rows } = csvExport(db, { from, to }, { resolution: q.resolution, locale: q.locale, timeZone: tz, calibration: config.calibration });
      const bytes = await writeCsvFile(lines, out, false, { overwrite: v.force === true });
      console.log(`corcy-power export: ${rows()} rows, ${bytes} bytes -> ${out}`);
      return 0;
    } finally {
      db.close();
    }
  },
};
