import type Database from 'better-sqlite3';
import type { TimeRange } from '../../shared/instant';
import type { CsvLocale, ExportResolution } from '../../shared/kiosk-contract';
import { isoLocalFormatter } from '../../shared/local-time';
import type { Calibration } from '../acquisition/calibration';
import { periodsOverlapping } from '../energy/energy-query';
import { readingsWithEnergy } from '../energy/reading-energy';
import { type RollupRow, RollupRows } from '../energy/rollup-rows';
import { countReadings, flaggedReadings } from '../storage/reading-iterator';
import { currentDayBuckets, minuteBuckets, tenMinuteBuckets } from '../storage/rollup-levels';
import { type AggregatedResolution, aggregate } from './aggregate';
import { DIALECTS, csvHeader } from './csv-format';
import { aggregatedCsvLines, rawCsvLines } from './csv-rows';

export interface CsvExportOptions {
  resolution: ExportResolution;
  locale: CsvLocale;
  timeZone: string;
  calibration: Calibration;
  /** Called now and then with the number of source rows read so far, for progress. */
  onProgress?: (done: number) => void;
}

export interface CsvExport {
  /** Header first, one CSV line per string, pulled lazily: memory stays flat whatever the range. */
  lines: Generator<string>;
  /** Data lines written so far. */
  rows: () => number;
  /** Source rows to read (readings, or rollup rows), for progress. */
  total: number;
}

function* counted<T>(items: Iterable<T>, each: (n: number) => void): Generator<T> {
  let n = 0;
  for (const item of items) {
    if (++n % 1000 === 0) each(n);
    yield item;
  }
  each(n);
}

/**
 * The source of aggregated exports: the rollups, kept forever, so a period past
 * raw retention exports as well as today. Minutes from the minute rollups, local
 * hours from the ten-minute ones (half-hour zones included), local days from the
 * day rollups, the very rows /api/energy sums. Read one local day at a time so
 * that no read transaction stays open while the file is written.
 */
function aggregatedSource(db: Database.Database, range: TimeRange, resolution: AggregatedResolution, timeZone: string) {
  const rollups =
    resolution === '1min'
      ? new RollupRows(db, 'minute', minuteBuckets)
      : resolution === '1h'
        ? new RollupRows(db, '10min', tenMinuteBuckets)
        : new RollupRows(
            db,
            'day',
            currentDayBuckets(() => timeZone),
          );
  const days = periodsOverlapping(range.from, range.to, 'day', timeZone).map((p) => [Math.max(range.from, p.start), Math.min(range.to, p.end)] as const);
  function* rows(): Generator<RollupRow> {
    for (const [from, to] of days) yield* rollups.overlapping(from, to);
  }
  function* flags(): Generator<{ t: number; flags: number }> {
    for (const [from, to] of days) yield* flaggedReadings(db, from, to);
  }
  return { rows: rows(), flags: flags(), total: rollups.count(range.from, range.to) };
}

/** The CSV of [from, to) at a resolution, for the export dialog, GET /api/export.csv and `corcy-power export` alike. */
export function csvExport(db: Database.Database, range: TimeRange, options: CsvExportOptions): CsvExport {
  const dialect = DIALECTS[options.locale];
  const iso = isoLocalFormatter(options.timeZone);
  const progress = options.onProgress ?? (() => undefined);
  let rows = 0;
  let body: Iterable<string>;
  let total: number;
  if (options.resolution === 'raw') {
    total = countReadings(db, range.from, range.to);
    body = rawCsvLines(counted(readingsWithEnergy(db, range.from, range.to, options.calibration), progress), dialect, iso);
  } else {
    const source = aggregatedSource(db, range, options.resolution, options.timeZone);
    total = source.total;
    body = aggregatedCsvLines(aggregate(counted(source.rows, progress), source.flags, options.resolution, options.timeZone), dialect, iso, options.calibration.volts);
  }
  function* lines(): Generator<string> {
    yield csvHeader(options.resolution, dialect);
    for (const line of body) {
      rows++;
      yield line;
    }
  }
  return { lines: lines(), rows: () => rows, total };
}
