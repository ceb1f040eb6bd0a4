import { flagNames } from '../../shared/flags';
import type { ReadingEnergy } from '../energy/reading-energy';
import type { Bucket } from './aggregate';
import { type CsvDialect, csvLine, csvNumber } from './csv-format';

const flagText = (mask: number): string => flagNames(mask).join('+');

/** One line per stored reading: its power and current by today's calibration, its energy over its stored span. */
export function* rawCsvLines(items: Iterable<ReadingEnergy>, dialect: CsvDialect, iso: (t: number) => string): Generator<string> {
  for (const { reading, wh } of items) {
    yield csvLine(
      [
        iso(reading.t),
        csvNumber(reading.powerW, 1, dialect),
        csvNumber(reading.currentA, 3, dialect),
        csvNumber(wh, 4, dialect),
        String(reading.min),
        String(reading.max),
        flagText(reading.flags),
      ],
      dialect,
    );
  }
}

/** One line per local minute, hour or day with readings: mean power over the time covered, energy as the rollups hold it. */
export function* aggregatedCsvLines(buckets: Iterable<Bucket>, dialect: CsvDialect, iso: (t: number) => string, volts: number): Generator<string> {
  for (const b of buckets) {
    yield csvLine(
      [
        iso(b.start),
        csvNumber(b.meanW, 1, dialect),
        // Apparent power is volts times amps: the mean current follows from the mean power.
        csvNumber(b.meanW / volts, 3, dialect),
        csvNumber(b.wh, 3, dialect),
        csvNumber(b.minW, 1, dialect),
        csvNumber(b.maxW, 1, dialect),
        String(b.readings),
        flagText(b.flags),
      ],
      dialect,
    );
  }
}
