import type { Reading } from '../../shared/contract';
import type { Calibration } from '../acquisition/calibration';
import { flagNames } from '../../shared/flags';
import type { CsvLocale, ExportResolution } from '../../shared/kiosk-contract';
import { isoLocalFormatter } from '../../shared/local-time';
import { DEFAULT_GAP_MS, readingSlices } from '../energy-slices/reading-slices';
import { aggregate } from './aggregate';
import { DIALECTS, csvHeader, csvLine, csvNumber } from './csv-format';

export interface CsvOptions {
  resolution: ExportResolution;
  locale: CsvLocale;
  timeZone: string;
  /** The calibration the readings were computed with: energy follows the same floor rule as the rollups. */
  calibration: Calibration;
  /** Called with the number of readings consumed so far, for progress. */
  onReading?: (consumed: number) => void;
}

const flagText = (mask: number): string => flagNames(mask).join('+');

/**
 * The CSV text, header first, one line per yielded string; `rows` counts the
 * data lines. Lazily pulled from `readings`, so memory stays flat whatever the
 * range.
 */
export function csvLines(readings: Iterable<Reading>, o: CsvOptions): { lines: Generator<string>; rows: () => number } {
  const d = DIALECTS[o.locale];
  const iso = isoLocalFormatter(o.timeZone);
  let rows = 0;
  let consumed = 0;
  function* counted(): Generator<Reading> {
    for (const r of readings) {
      consumed++;
      if (o.onReading && consumed % 1000 === 0) o.onReading(consumed);
      yield r;
    }
    o.onReading?.(consumed);
  }
  function* lines(): Generator<string> {
    yield csvHeader(o.resolution, d);
    const slices = readingSlices(counted(), o.calibration, DEFAULT_GAP_MS);
    if (o.resolution === 'raw') {
      for (const { reading: r, wh } of slices) {
        rows++;
        yield csvLine(
          [iso(r.t), csvNumber(r.powerW, 1, d), csvNumber(r.currentA, 3, d), csvNumber(wh, 4, d), String(r.min), String(r.max), flagText(r.flags)],
          d,
        );
      }
      return;
    }
    for (const b of aggregate(slices, o.resolution, o.timeZone)) {
      rows++;
      yield csvLine(
        [
          iso(b.start),
          csvNumber(b.meanW, 1, d),
          csvNumber(b.meanA, 3, d),
          csvNumber(b.wh, 3, d),
          csvNumber(b.minW, 1, d),
          csvNumber(b.maxW, 1, d),
          String(b.readings),
          flagText(b.flags),
        ],
        d,
      );
    }
  }
  return { lines: lines(), rows: () => rows };
}
