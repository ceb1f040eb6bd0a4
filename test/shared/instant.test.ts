import { describe, expect, it } from 'vitest';
import { InstantSchema, instantOf, rangeOf } from '../../src/shared/instant';

const TZ = 'Europe/Paris';

describe('instant', () => {
  describe('instantOf()', () => {
    it('reads dates, local and offset ISO times and epoch ms', () => {
      expect(instantOf('2026-07-01', TZ, 'start')).toBe(Date.parse('2026-06-30T22:00:00Z'));
      expect(instantOf('2026-07-01', TZ, 'end')).toBe(Date.parse('2026-07-01T22:00:00Z'));
      expect(instantOf('2026-07-01T08:15', TZ, 'start')).toBe(Date.parse('2026-07-01T06:15:00Z'));
      expect(instantOf('2026-07-01 08:15:30.5', TZ, 'start')).toBe(Date.parse('2026-07-01T06:15:30.500Z'));
      expect(instantOf('2026-07-01T08:15:00Z', TZ, 'start')).toBe(Date.parse('2026-07-01T08:15:00Z'));
      expect(instantOf('2026-07-01T08:15:00+0100', TZ, 'start')).toBe(Date.parse('2026-07-01T07:15:00Z'));
      expect(instantOf(Date.UTC(2026, 0, 1), TZ, 'start')).toBe(Date.UTC(2026, 0, 1));
    });

    it('reads a bare date as the local midnight of the configured zone, not UTC midnight', () => {
      expect(instantOf('2026-03-01', TZ, 'start')).toBe(Date.parse('2026-02-28T23:00:00Z'));
      expect(instantOf('2026-03-01', 'America/New_York', 'start')).toBe(Date.parse('2026-03-01T05:00:00Z'));
    });

    it('ends a bare date at the next local midnight, 23 hours later on the spring-forward day', () => {
      const start = instantOf('2026-03-29', TZ, 'start');
      expect(instantOf('2026-03-29', TZ, 'end') - start).toBe(23 * 3_600_000);
    });
  });

  describe('InstantSchema', () => {
    it('refuses impossible dates and times, and dates before 2000, with a message naming what it expects', () => {
      for (const bad of ['2026-02-30', '2026-02-28T25:00', '1999-12-31', 'yesterday', -5, 1.5, '2026-1-1']) {
        const r = InstantSchema.safeParse(bad);
        expect(r.success, JSON.stringify(bad)).toBe(false);
        expect(r.error?.issues[0]?.message).toMatch(/expected an ISO 8601 date-time or epoch ms from 2000 on/);
      }
    });
  });

  describe('rangeOf()', () => {
    it('names the field of an empty or overlong range', () => {
      expect(rangeOf({ from: '2026-03-29', to: '2026-03-28' }, TZ)).toEqual({ ok: false, field: 'to', message: 'must be after "from"' });
      expect(rangeOf({ from: '2026-03-29', to: '2026-03-29' }, TZ)).toMatchObject({ ok: true });
      expect(rangeOf({ from: 0, to: 2 * 366 * 86_400_000 }, TZ, 366 * 86_400_000)).toMatchObject({ ok: false, field: 'to' });
    });
  });
});
