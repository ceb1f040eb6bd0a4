import { describe, expect, it } from 'vitest';
import { resolveRange } from '../../../src/main/export/export-range';

const TZ = 'Europe/Paris';
const iso = (r: { from: number; to: number }) => [new Date(r.from).toISOString(), new Date(r.to).toISOString()];
// Wednesday 2026-04-01, 00:30 in Paris (still 31 March in UTC).
const NOW = Date.parse('2026-03-31T22:30:00Z');

describe('resolveRange()', () => {
  it('resolves presets on the local calendar', () => {
    expect(iso(resolveRange({ preset: 'today' }, NOW, TZ))).toEqual(['2026-03-31T22:00:00.000Z', '2026-04-01T22:00:00.000Z']);
    expect(iso(resolveRange({ preset: 'yesterday' }, NOW, TZ))).toEqual(['2026-03-30T22:00:00.000Z', '2026-03-31T22:00:00.000Z']);
    expect(iso(resolveRange({ preset: 'thisWeek' }, NOW, TZ))).toEqual(['2026-03-29T22:00:00.000Z', '2026-04-05T22:00:00.000Z']);
    expect(iso(resolveRange({ preset: 'thisMonth' }, NOW, TZ))).toEqual(['2026-03-31T22:00:00.000Z', '2026-04-30T22:00:00.000Z']);
    // March 2026 has the spring-forward day: 31 days minus one hour.
    expect(iso(resolveRange({ preset: 'lastMonth' }, NOW, TZ))).toEqual(['2026-02-28T23:00:00.000Z', '2026-03-31T22:00:00.000Z']);
    expect(iso(resolveRange({ preset: 'thisYear' }, NOW, TZ))).toEqual(['2025-12-31T23:00:00.000Z', '2026-12-31T23:00:00.000Z']);
    expect(iso(resolveRange({ fromDate: '2026-01-01', toDate: '2026-01-01' }, NOW, TZ))).toEqual(['2025-12-31T23:00:00.000Z', '2026-01-01T23:00:00.000Z']);
  });
});
