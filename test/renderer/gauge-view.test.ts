import { describe, expect, it } from 'vitest';
import { arcPath, gaugeView } from '../../src/renderer/gauge-view';

describe('what the gauge shows of a reading', () => {
  it('shows a dash and no arc before the first reading', () => {
    expect(gaugeView(null, 10_000, 'fr-FR')).toEqual({ arc: null, colour: 'var(--ok)', value: '–', unit: 'W' });
  });

  it('fills the ring in proportion, green below half, amber below 80 %, red above, and never past the end', () => {
    expect(gaugeView(4999, 10_000, 'en-GB')).toMatchObject({ arc: arcPath(0.4999), colour: 'var(--ok)', value: '5.00', unit: 'kW' });
    expect(gaugeView(5000, 10_000, 'en-GB').colour).toBe('var(--warn)');
    expect(gaugeView(8000, 10_000, 'en-GB').colour).toBe('var(--alarm)');
    expect(gaugeView(25_000, 10_000, 'en-GB').arc).toBe(arcPath(1));
    expect(arcPath(2)).toBe(arcPath(1));
  });

  it('ends the arc on the ring: at half it points straight up, at the end on the right', () => {
    const end = (d: string): number[] => d.split(' ').slice(-2).map(Number);
    const [x, y] = end(arcPath(0.5));
    expect(x).toBeCloseTo(100, 6);
    expect(y).toBeCloseTo(14, 6);
    expect(end(arcPath(1))[0]).toBeCloseTo(186, 6);
  });

  it('says the number in the screen language', () => {
    expect(gaugeView(1234.5, 10_000, 'fr-FR')).toMatchObject({ value: '1,23', unit: 'kW' });
    expect(gaugeView(250.2, 10_000, 'fr-FR')).toMatchObject({ value: '250', unit: 'W' });
  });
});
