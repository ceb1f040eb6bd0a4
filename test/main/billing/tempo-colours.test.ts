import { describe, expect, it } from 'vitest';
import { TempoFileError, parseTempoColours } from '../../../src/main/billing/tempo-colours';

describe('parseTempoColours()', () => {
  it('reads CSV with a header, French names and either separator', () => {
    const m = parseTempoColours('\uFEFFdate;couleur\r\n2026-01-05;ROUGE\n2026-01-06,bleu\n\n', 'tempo.csv');
    expect([...m]).toEqual([
      ['2026-01-05', 'red'],
      ['2026-01-06', 'blue'],
    ]);
  });
  it('reads a JSON object or a JSON array', () => {
    expect([...parseTempoColours('{"2026-01-05":"white"}', 'a.json')]).toEqual([['2026-01-05', 'white']]);
    expect([...parseTempoColours('[{"date":"2026-01-05T06:00:00+01:00","color":"TEMPO_ROUGE"}]', 'b.json')]).toEqual([['2026-01-05', 'red']]);
  });
  it('names the file and line of a bad colour or date', () => {
    expect(() => parseTempoColours('2026-01-05,green', 't.csv')).toThrow(new TempoFileError('t.csv line 1: unknown colour "green" (blue, white or red)'));
    expect(() => parseTempoColours('date,colour\n2026-02-30,red', 't.csv')).toThrow(/t\.csv line 2: not a date/);
  });
});
