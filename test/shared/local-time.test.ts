import { describe, expect, it } from 'vitest';
import { addDays, isoLocal, localDateKey, localParts, localToEpoch, offsetMs, startOfDate } from '../../src/shared/local-time';

const TZ = 'Europe/Paris';
const H = 3_600_000;

describe('local-time', () => {
  describe('startOfDate()', () => {
    it('gives 23 hours on the spring-forward day and 25 on the autumn one', () => {
      const len = (d: string): number => (startOfDate(addDays(d, 1), TZ) - startOfDate(d, TZ)) / H;
      expect(len('2026-03-29')).toBe(23);
      expect(len('2026-10-25')).toBe(25);
      expect(len('2026-06-01')).toBe(24);
      expect(startOfDate('2026-01-15', TZ)).toBe(Date.parse('2026-01-14T23:00:00Z'));
      expect(startOfDate('2026-07-15', TZ)).toBe(Date.parse('2026-07-14T22:00:00Z'));
    });
  });

  describe('localToEpoch()', () => {
    it('moves a time inside the spring gap forward by the gap, like Temporal', () => {
      expect(new Date(localToEpoch(2026, 3, 29, 2, 30, TZ)).toISOString()).toBe('2026-03-29T01:30:00.000Z');
    });
    it('takes the earlier instant of an autumn hour that happens twice', () => {
      expect(new Date(localToEpoch(2026, 10, 25, 2, 30, TZ)).toISOString()).toBe('2026-10-25T00:30:00.000Z');
    });
    it('works in a zone with a half-hour offset and in UTC', () => {
      expect(new Date(localToEpoch(2026, 1, 1, 0, 0, 'Asia/Kolkata')).toISOString()).toBe('2025-12-31T18:30:00.000Z');
      expect(localToEpoch(2026, 1, 1, 0, 0, 'UTC')).toBe(Date.UTC(2026, 0, 1));
    });
  });

  describe('isoLocal()', () => {
    it('writes local time with its offset, which changes with DST', () => {
      expect(isoLocal(Date.parse('2026-03-29T00:59:59.250Z'), TZ)).toBe('2026-03-29T01:59:59.250+01:00');
      expect(isoLocal(Date.parse('2026-03-29T01:00:00Z'), TZ)).toBe('2026-03-29T03:00:00.000+02:00');
      expect(isoLocal(Date.parse('2026-01-01T12:00:00Z'), 'America/St_Johns')).toBe('2026-01-01T08:30:00.000-03:30');
    });
  });

  it('localParts() and localDateKey() follow the zone, not the process', () => {
    const t = Date.parse('2026-12-31T23:30:00Z');
    expect(localDateKey(t, TZ)).toBe('2027-01-01');
    expect(localParts(t, TZ)).toMatchObject({ year: 2027, month: 1, day: 1, hour: 0, minute: 30, weekday: 5 });
    expect(offsetMs(t, TZ)).toBe(H);
  });
});
