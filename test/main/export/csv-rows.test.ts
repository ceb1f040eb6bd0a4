import { describe, expect, it } from 'vitest';
import { csvLines } from '../../../src/main/export/csv-rows';
import { readingFromStats } from '../../../src/main/acquisition/reading';
import { DEFAULT_CALIBRATION } from '../../../src/main/acquisition/calibration';
import { Flag } from '../../../src/shared/flags';

const TZ = 'Europe/Paris';
const reading = (t: number, rms: number, flags = 0) =>
  readingFromStats({ mean: 511.5, min: 3, max: 1020, rms }, t, flags, { channel: 0, calibration: DEFAULT_CALIBRATION });
const text = (g: Iterable<string>): string => [...g].join('');

describe('csvLines()', () => {
  const t0 = Date.parse('2026-03-29T00:59:59Z'); // 01:59:59 CET, one second before the clocks go forward
  // 1279.8 W for 500 ms is 0.17775 Wh: energy goes through whole mJ (exact sums), which lands a hair below the half.
  const readings = [reading(t0, 10), reading(t0 + 500, 10, Flag.Drift | Flag.ClipHigh), reading(t0 + 1000, 20)];

  it('writes RFC 4180 raw rows: header, CRLF, ISO local time with the offset of the moment', () => {
    const { lines, rows } = csvLines(readings, { resolution: 'raw', locale: 'en', timeZone: TZ, calibration: DEFAULT_CALIBRATION });
    const out = text(lines);
    expect(rows()).toBe(3);
    expect(out.split('\r\n')).toEqual([
      'time,power_W,current_A,energy_Wh,adc_min,adc_max,flags',
      '2026-03-29T01:59:59.000+01:00,639.9,2.700,0.0000,3,1020,',
      '2026-03-29T01:59:59.500+01:00,639.9,2.700,0.0889,3,1020,Drift+ClipHigh',
      '2026-03-29T03:00:00.000+02:00,1279.8,5.400,0.1777,3,1020,',
      '',
    ]);
  });

  it('writes the French variant: BOM, semicolons, decimal commas, French headers', () => {
    const out = text(csvLines(readings, { resolution: 'raw', locale: 'fr', timeZone: TZ, calibration: DEFAULT_CALIBRATION }).lines);
    expect(out.startsWith('\uFEFFheure;puissance_W;courant_A;energie_Wh;adc_min;adc_max;alertes\r\n')).toBe(true);
    expect(out).toContain('2026-03-29T03:00:00.000+02:00;1279,8;5,400;0,1777;3;1020;\r\n');
  });

  it('sums energy per local hour and keeps min and max power', () => {
    const hourly = [reading(t0 - 3_600_000, 10), ...readings];
    const { lines, rows } = csvLines(hourly, { resolution: '1h', locale: 'en', timeZone: TZ, calibration: DEFAULT_CALIBRATION });
    const out = text(lines).split('\r\n');
    expect(rows()).toBe(3);
    expect(out[0]).toBe('time,power_W,current_A,energy_Wh,min_power_W,max_power_W,readings,flags');
    // 00:59:59 local, then 01:00-02:00 local with two readings, then 03:00 local (02:00 never happened).
    expect(out[1]).toBe('2026-03-29T00:00:00.000+01:00,639.9,2.700,0.000,639.9,639.9,1,');
    expect(out[2]).toBe('2026-03-29T01:00:00.000+01:00,639.9,2.700,0.089,639.9,639.9,2,Drift+ClipHigh');
    expect(out[3]).toBe('2026-03-29T03:00:00.000+02:00,1279.8,5.400,0.178,1279.8,1279.8,1,');
  });

  it('makes two buckets of the autumn hour that happens twice', () => {
    const first = Date.parse('2026-10-25T00:30:00Z'); // 02:30 CEST
    const second = Date.parse('2026-10-25T01:30:00Z'); // 02:30 CET
    const out = text(csvLines([reading(first, 1), reading(second, 1)], { resolution: '1h', locale: 'en', timeZone: TZ, calibration: DEFAULT_CALIBRATION }).lines);
    expect(out).toContain('2026-10-25T02:00:00.000+02:00');
    expect(out).toContain('2026-10-25T02:00:00.000+01:00');
  });

  it('writes only the header for an empty range', () => {
    expect(text(csvLines([], { resolution: '1day', locale: 'en', timeZone: TZ, calibration: DEFAULT_CALIBRATION }).lines)).toBe(
      'time,power_W,current_A,energy_Wh,min_power_W,max_power_W,readings,flags\r\n',
    );
  });
});
