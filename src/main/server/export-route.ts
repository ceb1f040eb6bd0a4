import type { ServerResponse } from 'node:http';
import type Database from 'better-sqlite3';
import { ExportQuerySchema } from '../../shared/kiosk-contract';
import type { Calibration } from '../acquisition/calibration';
import { describeIssues } from '../core/zod-issues';
import { pumpLines } from '../export/csv-file-writer';
import { csvLines } from '../export/csv-rows';
import { resolveQueryRange } from '../export/export-range';
import { iterateReadings } from '../storage/reading-iterator';
import { SECURITY_HEADERS } from './security-headers';

export interface CsvExportSource {
  openReader(): Database.Database;
  calibration(): Calibration;
  timeZone(): string;
}

const MAX_RANGE_MS = 10 * 366 * 86_400_000;

/**
 * GET /api/export.csv?from=&to=&resolution=&locale=: the CSV streamed as it is
 * made, paced by the client (a write that fills the socket waits for drain), on
 * a connection of its own so acquisition keeps writing meanwhile.
 */
export async function streamCsvExport(query: Record<string, unknown>, res: ServerResponse, src: CsvExportSource): Promise<void> {
  const bad = (message: string): void => {
    res.writeHead(400, { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify({ error: { code: 'invalid_request', message } }));
  };
  const parsed = ExportQuerySchema.safeParse(query);
  if (!parsed.success) return bad(`export.csv: ${describeIssues(parsed.error.issues).join('; ')}`);
  const q = parsed.data;
  const tz = src.timeZone();
  const r = resolveQueryRange(q, tz);
  if (!r.ok) return bad(`export.csv: field "${r.field}": ${r.message}`);
  const { from, to } = r.range;
  if (to - from > MAX_RANGE_MS) return bad('export.csv: field "to": at most 10 years at once');

  const db = src.openReader();
  const name = `corcy-power_${q.resolution}.csv`;
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': `text/csv; charset=utf-8; header=present`,
    'Content-Disposition': `attachment; filename="${name}"`,
    'Cache-Control': 'no-store',
  });
  let closed = false;
  res.on('close', () => (closed = true));
  try {
    const { lines } = csvLines(iterateReadings(db, from, to, src.calibration()), { resolution: q.resolution, locale: q.locale, timeZone: tz, calibration: src.calibration() });
    await pumpLines(lines, (chunk) =>
      new Promise<void>((resolve, reject) => {
        if (closed) return reject(new Error('client went away'));
        if (res.write(chunk)) resolve();
        else res.once('drain', resolve).once('close', () => reject(new Error('client went away')));
      }),
    );
    res.end();
  } catch {
    // Headers are gone: cutting the connection is how a client learns the file is incomplete.
    res.destroy();
  } finally {
    db.close();
  }
}
