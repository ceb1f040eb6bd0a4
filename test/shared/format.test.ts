import { describe, expect, it } from 'vitest';
import { formatPower } from '../../src/shared/format';

describe('formatPower()', () => {
  it('prints watts below 1 kW and kilowatts with two decimals above', () => {
    expect(formatPower(742.4, 'en-GB')).toEqual({ value: '742', unit: 'W' });
    expect(formatPower(2345, 'en-GB')).toEqual({ value: '2.35', unit: 'kW' });
  });

  it('keeps each locale its own format when several are asked in turn', () => {
    expect(formatPower(2345, 'en-GB').value).toBe('2.35');
    expect(formatPower(2345, 'fr-FR').value).toBe('2,35');
    expect(formatPower(12_345.6, 'en-GB').value).toBe('12.35');
  });

  it('prints a dash for a value that is not a number', () => {
    expect(formatPower(Number.NaN)).toEqual({ value: '–', unit: 'W' });
  });
});
