import { Binary, Decimal128, Double, Int32, Long, ObjectId, Timestamp, deserialize, serialize } from 'bson';
import { describe, expect, it } from 'vitest';
import { readLegacyFields } from '../../../src/main/import/bson-fields';

const FIELDS = ['time', 'channel', 'mean', 'rms', 'minadc', 'maxadc'] as const;

/** What bson itself decodes for the six fields, numbers promoted: the fast path must give the same or step aside. */
function viaBson(buf: Buffer): Record<string, unknown> {
  const doc = deserialize(buf);
  const out: Record<string, unknown> = {};
  for (const f of FIELDS) if (f in doc) out[f] = doc[f];
  return out;
}

const base = (): Record<string, unknown> => ({
  _id: new ObjectId(),
  channel: 0,
  mean: 511.25,
  rms: 12.5,
  minadc: 470,
  maxadc: 552,
  time: 1_700_000_000.123,
});

describe('readLegacyFields: the six fields straight from the bytes', () => {
  const cases: [string, Record<string, unknown>][] = [
    ['doubles, as the old daemon wrote them', base()],
    ['int32 and int64 counts', { ...base(), channel: new Int32(3), minadc: new Int32(400), maxadc: Long.fromNumber(600), time: Long.fromNumber(1_700_000_000) }],
    ['explicit doubles', { ...base(), mean: new Double(512), rms: new Double(0) }],
    [
      'extra fields of every kind',
      {
        host: 'pi',
        note: { a: [1, { b: 2 }] },
        tags: ['x'],
        bin: new Binary(Buffer.from([1, 2, 3])),
        at: new Date(0),
        ts: new Timestamp({ t: 1, i: 2 }),
        big: Decimal128.fromString('1.5'),
        ok: true,
        nothing: null,
        ...base(),
      },
    ],
    ['a string where a number belongs', { ...base(), rms: '12' }],
    ['a null and a boolean', { ...base(), mean: null, rms: false }],
    [
      'a missing field',
      (() => {
        const d = base();
        delete d.maxadc;
        return d;
      })(),
    ],
    ['unicode in a string field', { ...base(), time: 'été' }],
  ];
  it.each(cases)('%s: the same values as bson', (_, doc) => {
    const buf = Buffer.from(serialize(doc));
    const fast = readLegacyFields(buf, 0, buf.length);
    expect(fast).not.toBeNull();
    expect(fast).toEqual(viaBson(buf));
  });

  it.each([
    ['a date', { ...base(), time: new Date(1_700_000_000_000) }],
    ['a decimal128', { ...base(), rms: Decimal128.fromString('12.5') }],
    ['a document', { ...base(), mean: { value: 511 } }],
  ])('steps aside (null) when a field it reads is %s, so bson decodes the document', (_, doc) => {
    const buf = Buffer.from(serialize(doc));
    expect(readLegacyFields(buf, 0, buf.length)).toBeNull();
  });

  it('reads a document in the middle of a larger buffer, as a dump gives it', () => {
    const a = Buffer.from(serialize(base()));
    const b = Buffer.from(serialize({ ...base(), rms: 99.5 }));
    const buf = Buffer.concat([a, b, a]);
    expect(readLegacyFields(buf, a.length, a.length + b.length)).toMatchObject({ rms: 99.5 });
  });

  it('never reads past a document cut or corrupted anywhere: null, or what bson would decode', () => {
    const good = Buffer.from(serialize(base()));
    for (let cut = 5; cut < good.length; cut++) {
      const buf = Buffer.from(good.subarray(0, cut));
      buf.writeInt32LE(cut, 0);
      expect(() => readLegacyFields(buf, 0, cut)).not.toThrow();
    }
    for (let at = 4; at < good.length; at++) {
      for (const value of [0x00, 0x7f, 0xff, 0x13, 0x03]) {
        const buf = Buffer.from(good);
        buf[at] = value;
        let fast: Record<string, unknown> | null = null;
        expect(() => (fast = readLegacyFields(buf, 0, buf.length))).not.toThrow();
        if (fast !== null) {
          let bson: Record<string, unknown> | undefined;
          try {
            bson = viaBson(buf);
          } catch {
            // bson refuses bytes this reader accepts only where they lie outside the six fields.
            continue;
          }
          const f = fast as Record<string, unknown>;
          for (const k of FIELDS) if (typeof f[k] === 'number' && !Number.isNaN(f[k])) expect(f[k]).toBe(bson[k]);
        }
      }
    }
  });
});
