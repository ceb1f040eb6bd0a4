import { Decimal128, Double, Int32, Long, ObjectId } from 'bson';
import { describe, expect, it } from 'vitest';
import { SKIP_REASONS, type SkipReason, YEAR_2000_MS, checkRecord } from '../../../src/main/import/legacy-record';

const NOW = Date.UTC(2024, 0, 1);
const NOW_S = NOW / 1000;

/** A record the old system wrote: every field valid. */
const good = (): Record<string, unknown> => ({
  _id: new ObjectId(),
  channel: 0,
  mean: 511.4567,
  rms: 87.25,
  minadc: 380,
  maxadc: 641,
  time: 1_600_000_000.1236,
});

const withFields = (over: Record<string, unknown>): Record<string, unknown> => ({ ...good(), ...over });
const without = (field: string): Record<string, unknown> => {
  const d = good();
  delete d[field];
  return d;
};

describe('checkRecord()', () => {
  it('converts a valid record: time in seconds to epoch ms (rounded), counts kept as they are', () => {
    const c = checkRecord(good(), NOW);
    expect(c).toEqual({ ok: true, reading: { t: 1_600_000_000_124, channel: 0, mean: 511.4567, min: 380, max: 641, rms: 87.25 } });
  });

  it('rounds the time to the nearest millisecond, down as well as up', () => {
    const at = (time: number): number => {
      const c = checkRecord(withFields({ time }), NOW);
      if (!c.ok) throw new Error(`${c.reason}: ${c.detail}`);
      return c.reading.t;
    };
    expect(at(1_600_000_000.1234)).toBe(1_600_000_000_123);
    expect(at(1_600_000_000.1236)).toBe(1_600_000_000_124);
    expect(at(1_600_000_000)).toBe(1_600_000_000_000);
  });

  it('keeps every channel from 0 to 7 and the bounds of every count', () => {
    for (let channel = 0; channel <= 7; channel++) {
      const c = checkRecord(withFields({ channel }), NOW);
      expect(c.ok && c.reading.channel).toBe(channel);
    }
    expect(checkRecord(withFields({ minadc: 0, mean: 0, maxadc: 0, rms: 0 }), NOW)).toMatchObject({ ok: true, reading: { min: 0, mean: 0, max: 0, rms: 0 } });
    expect(checkRecord(withFields({ minadc: 1023, mean: 1023, maxadc: 1023, rms: 512 }), NOW)).toMatchObject({
      ok: true,
      reading: { min: 1023, mean: 1023, max: 1023, rms: 512 },
    });
    // mean equal to min or max is consistent.
    expect(checkRecord(withFields({ minadc: 400, mean: 400, maxadc: 600 }), NOW).ok).toBe(true);
    expect(checkRecord(withFields({ minadc: 400, mean: 600, maxadc: 600 }), NOW).ok).toBe(true);
  });

  it('accepts the first millisecond of 2000 and the import start itself', () => {
    expect(checkRecord(withFields({ time: YEAR_2000_MS / 1000 }), NOW)).toMatchObject({ ok: true, reading: { t: YEAR_2000_MS } });
    expect(checkRecord(withFields({ time: NOW_S }), NOW)).toMatchObject({ ok: true, reading: { t: NOW } });
  });

  it('ignores extra fields, whatever their type', () => {
    const c = checkRecord(withFields({ host: 'pi', note: { nested: [1, 2] }, n: '12', weird: NaN, nothing: null }), NOW);
    expect(c).toEqual({ ok: true, reading: { t: 1_600_000_000_124, channel: 0, mean: 511.4567, min: 380, max: 641, rms: 87.25 } });
  });

  type Case = [name: string, reason: SkipReason, doc: Record<string, unknown>, detail: RegExp];
  const bad: Case[] = [
    ['time missing', 'missing-field', without('time'), /time/],
    ['channel missing', 'missing-field', without('channel'), /channel/],
    ['mean missing', 'missing-field', without('mean'), /mean/],
    ['rms missing', 'missing-field', without('rms'), /rms/],
    ['minadc missing', 'missing-field', without('minadc'), /minadc/],
    ['maxadc missing', 'missing-field', without('maxadc'), /maxadc/],
    ['mean null', 'missing-field', withFields({ mean: null }), /mean/],
    ['time undefined', 'missing-field', withFields({ time: undefined }), /time/],
    ['mean a string of digits "12"', 'non-numeric', withFields({ mean: '12' }), /mean=.*12/],
    ['time a string', 'non-numeric', withFields({ time: '1600000000' }), /time/],
    ['channel a boolean', 'non-numeric', withFields({ channel: false }), /channel/],
    ['rms an object', 'non-numeric', withFields({ rms: { value: 3 } }), /rms/],
    ['maxadc an array', 'non-numeric', withFields({ maxadc: [641] }), /maxadc/],
    ['minadc a Decimal128', 'non-numeric', withFields({ minadc: Decimal128.fromString('380') }), /minadc/],
    ['mean NaN', 'not-finite', withFields({ mean: NaN }), /mean=NaN/],
    ['time Infinity', 'not-finite', withFields({ time: Infinity }), /time=Infinity/],
    ['rms -Infinity', 'not-finite', withFields({ rms: -Infinity }), /rms=-Infinity/],
    ['time 0', 'time-before-2000', withFields({ time: 0 }), /time=0/],
    ['time the last second of 1999', 'time-before-2000', withFields({ time: YEAR_2000_MS / 1000 - 1 }), /time=946684799/],
    ['time negative', 'time-before-2000', withFields({ time: -5 }), /time=-5/],
    ['time a millisecond after now', 'time-in-future', withFields({ time: NOW_S + 0.001 }), /time=/],
    ['time a year after now', 'time-in-future', withFields({ time: NOW_S + 366 * 86_400 }), /time=/],
    ['channel 8', 'bad-channel', withFields({ channel: 8 }), /channel=8/],
    ['channel 1.5', 'bad-channel', withFields({ channel: 1.5 }), /channel=1\.5/],
    ['channel -1', 'bad-channel', withFields({ channel: -1 }), /channel=-1/],
    ['mean 1024', 'count-out-of-range', withFields({ mean: 1024, maxadc: 1023 }), /mean=1024/],
    ['mean -0.5', 'count-out-of-range', withFields({ mean: -0.5, minadc: 0 }), /mean=-0\.5/],
    ['minadc -1', 'count-out-of-range', withFields({ minadc: -1 }), /minadc=-1/],
    ['minadc 1024', 'count-out-of-range', withFields({ minadc: 1024 }), /minadc=1024/],
    ['maxadc 1024', 'count-out-of-range', withFields({ maxadc: 1024 }), /maxadc=1024/],
    ['maxadc -3', 'count-out-of-range', withFields({ maxadc: -3 }), /maxadc=-3/],
    ['rms 512.5', 'count-out-of-range', withFields({ rms: 512.5 }), /rms=512\.5/],
    ['rms -0.1', 'count-out-of-range', withFields({ rms: -0.1 }), /rms=-0\.1/],
    ['minadc 380.5', 'fractional-count', withFields({ minadc: 380.5 }), /minadc=380\.5/],
    ['maxadc 641.2', 'fractional-count', withFields({ maxadc: 641.2 }), /maxadc=641\.2/],
    ['minadc above mean', 'inconsistent-counts', withFields({ minadc: 600 }), /minadc=600 mean=511\.4567 maxadc=641/],
    ['maxadc below mean', 'inconsistent-counts', withFields({ maxadc: 500 }), /maxadc=500/],
    ['minadc above maxadc', 'inconsistent-counts', withFields({ minadc: 700, mean: 650, maxadc: 600 }), /minadc=700/],
  ];

  it.each(bad)('refuses a record with %s: %s', (_name, reason, doc, detail) => {
    const c = checkRecord(doc, NOW);
    expect(c.ok).toBe(false);
    if (c.ok) return;
    expect(c.reason).toBe(reason);
    expect(c.detail).toMatch(detail);
  });

  it('produces every reason a record can be refused for ("unreadable" is the sources\', see bson-source.test)', () => {
    const produced = new Set(bad.map(([, reason]) => reason));
    const expected = (Object.keys(SKIP_REASONS) as SkipReason[]).filter((r) => r !== 'unreadable');
    expect([...produced].sort()).toEqual([...expected].sort());
  });

  it('keeps a detail short even for a huge string value', () => {
    const c = checkRecord(withFields({ mean: 'x'.repeat(10_000) }), NOW);
    expect(c).toMatchObject({ ok: false, reason: 'non-numeric' });
    expect(!c.ok && c.detail.length).toBeLessThan(60);
  });

  type Num = [name: string, over: Record<string, unknown>, expected: Partial<{ t: number; channel: number; mean: number; min: number; max: number; rms: number }>];
  const numbers: Num[] = [
    ['int32 JS numbers', { channel: 2, minadc: 300, maxadc: 700, mean: 500 }, { channel: 2, min: 300, max: 700, mean: 500 }],
    ['bigint (int64) counts and channel', { channel: 3n, minadc: 380n, maxadc: 641n }, { channel: 3, min: 380, max: 641 }],
    ['a bigint time (whole seconds)', { time: 1_600_000_000n }, { t: 1_600_000_000_000 }],
    ['bson Long counts and channel', { channel: Long.fromNumber(5), minadc: Long.fromNumber(380), maxadc: Long.fromNumber(641) }, { channel: 5, min: 380, max: 641 }],
    ['a bson Long time', { time: Long.fromNumber(1_600_000_001) }, { t: 1_600_000_001_000 }],
    ['bson Int32 counts and channel', { channel: new Int32(6), minadc: new Int32(380), maxadc: new Int32(641) }, { channel: 6, min: 380, max: 641 }],
    ['bson Double mean, rms and time', { mean: new Double(511.5), rms: new Double(12.25), time: new Double(1_600_000_000.5) }, { mean: 511.5, rms: 12.25, t: 1_600_000_000_500 }],
    ['bson Double whole counts', { minadc: new Double(380), maxadc: new Double(641), channel: new Double(1) }, { min: 380, max: 641, channel: 1 }],
  ];

  it.each(numbers)('accepts %s as numbers', (_name, over, expected) => {
    const c = checkRecord(withFields(over), NOW);
    expect(c).toMatchObject({ ok: true, reading: expected });
    // Plain numbers out, whatever came in.
    if (c.ok) for (const v of Object.values(c.reading)) expect(typeof v).toBe('number');
  });

  it('checks a Long or a bigint like the number it holds', () => {
    expect(checkRecord(withFields({ minadc: Long.fromNumber(2000) }), NOW)).toMatchObject({ ok: false, reason: 'count-out-of-range' });
    expect(checkRecord(withFields({ channel: Long.fromNumber(9) }), NOW)).toMatchObject({ ok: false, reason: 'bad-channel' });
    expect(checkRecord(withFields({ time: 5n }), NOW)).toMatchObject({ ok: false, reason: 'time-before-2000' });
  });

  it('checks an Int32 or a Double wrapper like the number it holds', () => {
    expect(checkRecord(withFields({ channel: new Int32(8) }), NOW)).toMatchObject({ ok: false, reason: 'bad-channel' });
    expect(checkRecord(withFields({ mean: new Double(NaN) }), NOW)).toMatchObject({ ok: false, reason: 'not-finite' });
    expect(checkRecord(withFields({ minadc: new Double(380.5) }), NOW)).toMatchObject({ ok: false, reason: 'fractional-count' });
  });
});
