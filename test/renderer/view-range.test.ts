import { describe, expect, it } from 'vitest';
import { MIN_REFRESH_MS, MIN_SPAN_MS, pan, presetRefreshMs, toChartSeries, zoom } from '../../src/renderer/view-range';

const NOW = Date.parse('2026-05-01T12:00:00Z');
const H = 3_600_000;

describe('view-range', () => {
  describe('pan()', () => {
    it('goes back in time by the dragged fraction of the span, keeping the span', () => {
      expect(pan({ from: NOW - 24 * H, to: NOW }, 0.25, NOW)).toEqual({ from: NOW - 30 * H, to: NOW - 6 * H });
    });
    it('never runs past now', () => {
      expect(pan({ from: NOW - 2 * H, to: NOW - H }, -3, NOW)).toEqual({ from: NOW - H, to: NOW });
    });
  });

  describe('presetRefreshMs()', () => {
    it('refreshes a short preset every 30 s at the oftenest', () => {
      expect(presetRefreshMs('1h')).toBe(MIN_REFRESH_MS);
    });

    it('refreshes a longer preset when the clock has moved by about one point of an 800 px chart', () => {
      expect(presetRefreshMs('24h')).toBe(108_000);
      expect(presetRefreshMs('7d')).toBe(756_000);
    });
  });

  describe('zoom()', () => {
    it('narrows around the fingers: the instant under them stays put', () => {
      const r = zoom({ from: NOW - 10 * H, to: NOW - 2 * H }, 2, 0.25, NOW);
      expect(r.to - r.from).toBe(4 * H);
      expect(r.from + 0.25 * (r.to - r.from)).toBe(NOW - 8 * H);
    });
    it('stops at one minute', () => {
      const r = zoom({ from: NOW - H, to: NOW }, 1000, 0.5, NOW);
      expect(r.to - r.from).toBe(MIN_SPAN_MS);
    });
  });

  describe('toChartSeries()', () => {
    it('breaks the line at a mostly-missing bucket and where buckets are absent, never bridging a gap', () => {
      const s = toChartSeries(
        {
          level: 'minute',
          bucketMs: 60_000,
          t: [0, 60_000, 120_000, 300_000],
          mean: [1000, 1000, null, 2000],
          min: [900, 950, null, 1800],
          max: [1100, 3000, null, 2200],
          missingS: [0, 20, 60, 0],
          n: [60, 40, 0, 60],
        },
        'UTC',
      );
      expect(s.mean).toEqual([1, 1, null, null, 2]);
      expect(s.max).toEqual([1.1, 3, null, null, 2.2]);
      expect(s.gaps).toBe(2);
    });
  });
});
