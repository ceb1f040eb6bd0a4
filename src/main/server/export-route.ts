import type { ServerResponse } from 'node:http';
import type Database from 'better-sqlite3';
import { ExportQuerySchema } from '../../shared/kiosk-contract';
import type { Calibration } from '../acquisition/calibration';
import { describeIssues } from '../core/zod-issues';
import { pumpLines } from '../export/csv-file-writer';
import { csvExport } from '../export/csv-export';
import { rangeOf } from '../../shared/instant';
import { SECURITY_HEADERS } from './security-headers';
import { waitForDrain } from './wait-for-drain';

export interface CsvExportSource {
  openReader: () => Database.Database;
  calibration: () => Calibration;
  timeZone: () => string;
}

const MAX_RANGE_MS = 10 * 366 * 86_400_000;
/** A client that takes nothing for this long is cut: its export would pin a connection for nothing. */
const EXPORT_IDLE_MS = 60_000;

function sendError(res: ServerResponse, status: number, code: string, message: string): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify({ error: { code, message } }));
}

/**
 * GET /api/export.csv?from=&to=&resolution=&locale=: the CSV streamed as it is
 * made, paced by the client, on a connection of its own. Rows are read a chunk
 * at a time in short read transactions (reading-iterator), so a slow client
 * never holds a snapshot that stops the WAL from being checkpointed. Never
 * rejects: every failure is an HTTP error or, once the header is out, a cut
 * connection.
 */
export async function streamCsvExport(query: Record<string, unknown>, res: ServerResponse, src: CsvExportSource, idleMs = EXPORT_IDLE_MS): Promise<void> {
  const parsed = ExportQuerySchema.safeParse(query);
  if (!parsed.success) return sendError(res, 400, 'invalid_request', `export.csv: ${describeIssues(parsed.error.issues).join('; ')}`);
  const q = parsed.data;
  const tz = src.timeZone();
  const r = rangeOf(q, tz, MAX_RANGE_MS);
  if (!r.ok) return sendError(res, 400, 'invalid_request', `export.csv: field "${r.field}": ${r.message}`);
  const { from, to } = r.range;

  let db: Database.Database;
  try {
    db = src.openReader();
  } catch (err) {
    return sendError(res, 503, 'unavailable', `export.csv: ${(err as Error).message}`);
  }
  try {
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': `text/csv; charset=utf-8; header=present`,
      'Content-Disposition': `attachment; filename="corcy-power_${q.resolution}.csv"`,
      'Cache-Control': 'no-store',
    });
    const { lines } = csvExport(db, { from, to }, { resolution: q.resolution, locale: q.locale, timeZone: tz, calibration: src.calibration() });
    await pumpLines(lines, (chunk) => (res.write(chunk) ? Promise.resolve() : waitForDrain(res, idleMs)));
    res.end();
  } catch {
    // Headers are gone: cutting the connection is how a client learns the file is incomplete.
    res.destroy();
  } finally {
    db.close();
  }
}
