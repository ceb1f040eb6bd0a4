import { describe, expect, it } from 'vitest';
import { DIALECTS, csvField, csvLine, csvNumber } from '../../../src/main/export/csv-format';

describe('csv-format', () => {
  it('quotes only fields with a separator, a quote or a line break, doubling quotes', () => {
    expect(csvField('plain', DIALECTS.en)).toBe('plain');
    expect(csvField('a,b', DIALECTS.en)).toBe('"a,b"');
    expect(csvField('a,b', DIALECTS.fr)).toBe('a,b');
    expect(csvField('a;b', DIALECTS.fr)).toBe('"a;b"');
    expect(csvField('say "hi"\n', DIALECTS.en)).toBe('"say ""hi""\n"');
  });
  it('writes decimals with the dialect separator and ends lines with CRLF', () => {
    expect(csvNumber(1234.567, 2, DIALECTS.fr)).toBe('1234,57');
    expect(csvNumber(Number.NaN, 2, DIALECTS.en)).toBe('');
    expect(csvLine(['1,5', '2'], DIALECTS.en)).toBe('"1,5",2\r\n');
  });
});
