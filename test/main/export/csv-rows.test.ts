import { describe, expect, it } from 'vitest';
import { DEFAULT_CALIBRATION } from '../../../src/main/acquisition/calibration';
import { readingFromStats } from '../../../src/main/acquisition/reading';
import { DIALECTS } from '../../../src/main/export/csv-format';
import { aggregatedCsvLines, rawCsvLines } from '../../../src/main/export/csv-rows';
import { Flag } from '../../../src/shared/flags';
import { isoLocalFormatter } from '../../../src/shared/local-time';

const TZ = 'Europe/Paris';
const iso = isoLocalFormatter(TZ);
const reading = (t: number, rms: number, flags = 0) => readingFromStats({ mean: 511.5, min: 3, max: 1020, rms }, t, flags, { channel: 0, calibration: DEFAULT_CALIBRATION });
const text = (g: Iterable<string>): string => [...g].join('');

describe('csv-rows', () => {
  const t0 = Date.parse('2026-03-29T00:59:59Z'); // 01:59:59 CET, one second before the clocks go forward
  const items = [
    { reading: reading(t0, 10), spanMs: 0, wh: 0 },
    { reading: reading(t0 + 500, 10, Flag.Drift | Flag.ClipHigh), spanMs: 500, wh: 0.0889 },
    { reading: reading(t0 + 1000, 20), spanMs: 500, wh: 0.1778 },
  ];

  describe('rawCsvLines()', () => {
    it('writes RFC 4180 raw rows: CRLF, ISO local time with the offset of the moment', () => {
      expect(text(rawCsvLines(items, DIALECTS.en, iso)).split('\r\n')).toEqual([
        '2026-03-29T01:59:59.000+01:00,639.9,2.700,0.0000,3,1020,',
        '2026-03-29T01:59:59.500+01:00,639.9,2.700,0.0889,3,1020,Drift+ClipHigh',
        '2026-03-29T03:00:00.000+02:00,1279.8,5.400,0.1778,3,1020,',
        '',
      ]);
    });

    it('writes the French variant: semicolons and decimal commas', () => {
      expect(text(rawCsvLines(items, DIALECTS.fr, iso))).toContain('2026-03-29T03:00:00.000+02:00;1279,8;5,400;0,1778;3;1020;\r\n');
    });
  });

  describe('aggregatedCsvLines()', () => {
    it('gives the mean current as mean power over the volts, and leaves the mean empty when no time was covered', () => {
      const bucket = { start: t0 - 3_599_000, readings: 2, meanW: 474, wh: 0.5, minW: 400, maxW: 548, flags: Flag.Drift };
      const lines = text(aggregatedCsvLines([bucket, { ...bucket, meanW: NaN, flags: 0 }], DIALECTS.en, iso, 237)).split('\r\n');
      expect(lines[0]).toBe('2026-03-29T01:00:00.000+01:00,474.0,2.000,0.500,400.0,548.0,2,Drift');
      expect(lines[1]).toBe('2026-03-29T01:00:00.000+01:00,,,0.500,400.0,548.0,2,');
    });
  });
});
