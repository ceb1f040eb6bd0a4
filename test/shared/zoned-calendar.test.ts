import { describe, expect, it } from 'vitest';
import { dayNumberOfDate, dayPeriod, hoursInLocalDay, localDayNumber, monthPeriod, periodOf, startOfLocalDate, yearPeriod } from '../../src/shared/zoned-calendar';

const PARIS = 'Europe/Paris';
const day = (y: number, m: number, d: number): number => dayNumberOfDate({ year: y, month: m, day: d });

describe('zoned-calendar', () => {
  describe('hoursInLocalDay()', () => {
    it('gives 23 hours on the spring DST day in Paris (2026-03-29)', () => {
      expect(hoursInLocalDay(day(2026, 3, 29), PARIS)).toBe(23);
    });
    it('gives 25 hours on the autumn DST day in Paris (2026-10-25)', () => {
      expect(hoursInLocalDay(day(2026, 10, 25), PARIS)).toBe(25);
    });
    it('gives 24 hours on the days around them', () => {
      for (const d of [day(2026, 3, 28), day(2026, 3, 30), day(2026, 10, 24), day(2026, 10, 26)]) {
        expect(hoursInLocalDay(d, PARIS)).toBe(24);
      }
    });
    it('follows the zone it is given, not the machine', () => {
      expect(hoursInLocalDay(day(2026, 3, 8), 'America/New_York')).toBe(23);
      expect(hoursInLocalDay(day(2026, 3, 29), 'UTC')).toBe(24);
    });
  });

  describe('startOfLocalDate()', () => {
    it('puts Paris midnight at 23:00 UTC in winter and 22:00 UTC in summer', () => {
      expect(new Date(startOfLocalDate({ year: 2026, month: 1, day: 15 }, PARIS)).toISOString()).toBe('2026-01-14T23:00:00.000Z');
      expect(new Date(startOfLocalDate({ year: 2026, month: 7, day: 15 }, PARIS)).toISOString()).toBe('2026-07-14T22:00:00.000Z');
    });
    it('finds the real start of a day whose midnight does not exist (Santiago, 2026-09-06)', () => {
      // Chile moves 00:00 -> 01:00 on the first Sunday of September.
      const start = startOfLocalDate({ year: 2026, month: 9, day: 6 }, 'America/Santiago');
      expect(localDayNumber(start, 'America/Santiago')).toBe(day(2026, 9, 6));
      expect(localDayNumber(start - 1000, 'America/Santiago')).toBe(day(2026, 9, 5));
    });
  });

  describe('periods', () => {
    it('labels a day, a month and a year as the household writes them', () => {
      const t = Date.parse('2026-03-29T12:00:00Z');
      expect(periodOf(t, 'day', PARIS).label).toBe('2026-03-29');
      expect(periodOf(t, 'month', PARIS).label).toBe('2026-03');
      expect(periodOf(t, 'year', PARIS).label).toBe('2026');
    });
    it('puts 23:30 UTC on 31 December in the next local year', () => {
      const t = Date.parse('2026-12-31T23:30:00Z');
      expect(periodOf(t, 'year', PARIS).label).toBe('2027');
      expect(periodOf(t, 'day', PARIS).label).toBe('2027-01-01');
    });
    it('gives March 2026 one hour less than 31 days and October one more', () => {
      const march = monthPeriod(2026, 3, PARIS);
      const october = monthPeriod(2026, 10, PARIS);
      expect((march.end - march.start) / 3_600_000).toBe(31 * 24 - 1);
      expect((october.end - october.start) / 3_600_000).toBe(31 * 24 + 1);
    });
    it('makes consecutive days and years tile time without overlap', () => {
      const a = dayPeriod(day(2026, 3, 28), PARIS);
      const b = dayPeriod(day(2026, 3, 29), PARIS);
      expect(a.end).toBe(b.start);
      expect(yearPeriod(2026, PARIS).end).toBe(yearPeriod(2027, PARIS).start);
      expect((yearPeriod(2026, PARIS).end - yearPeriod(2026, PARIS).start) / 86_400_000).toBe(365);
    });
  });
});
