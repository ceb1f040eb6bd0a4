// One record of the old system, as any of its stores gives it back (see
// FACTS.md): time in Unix seconds (a float), channel, and the window's counts.
// The same checks serve the power.db rows, the dump's BSON documents and the
// live MongoDB cursor, so every source accepts and refuses exactly alike.

/** Why a record is not imported; the report and the summary count by these. */
export const SKIP_REASONS = {
  'missing-field': 'a field is missing',
  'non-numeric': 'a field is not a number',
  'not-finite': 'a field is NaN or infinite',
  'time-before-2000': 'time is before 2000-01-01',
  'time-in-future': 'time is after the import started',
  'bad-channel': 'channel is not a whole number from 0 to 7',
  'count-out-of-range': 'a count is outside 0..1023 (rms outside 0..512)',
  'fractional-count': 'minadc or maxadc is not a whole count',
  'inconsistent-counts': 'not minadc <= mean <= maxadc',
  unreadable: 'the source could not decode this record',
} as const;
export type SkipReason = keyof typeof SKIP_REASONS;

/** What the old system stored per window, converted to CorcyPower's units (epoch ms). */
interface LegacyReading {
  t: number;
  channel: number;
  mean: number;
  min: number;
  max: number;
  rms: number;
}

export type Checked = { ok: true; reading: LegacyReading } | { ok: false; reason: SkipReason; detail: string };

// In the order checkValues takes them.
const FIELDS = ['time', 'channel', 'mean', 'rms', 'minadc', 'maxadc'] as const;
type Field = (typeof FIELDS)[number];

export const YEAR_2000_MS = Date.UTC(2000, 0, 1);
const MAX_RMS = 512;

/** Doubles, int32 and int64 (as a JS number or a bigint) are numbers; a string of digits is not. */
function numeric(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  // bson's wrappers, when a driver does not promote values: Long has toNumber(), Double and Int32 a value.
  if (v !== null && typeof v === 'object') {
    const bsontype = (v as { _bsontype?: unknown })._bsontype;
    if (bsontype === 'Long') return (v as { toNumber: () => number }).toNumber();
    if (bsontype === 'Double' || bsontype === 'Int32') return (v as { value: number }).value;
  }
  return undefined;
}

/** A value as the log shows it: a string quoted, an object (a BSON wrapper, a sub-document) as JSON rather than [object Object]. */
function shown(raw: unknown): string {
  if (typeof raw === 'string') return JSON.stringify(raw);
  if (typeof raw === 'number' || typeof raw === 'boolean' || typeof raw === 'bigint') return String(raw);
  if (typeof raw === 'object' && raw !== null) return JSON.stringify(raw, (_key, v: unknown) => (typeof v === 'bigint' ? String(v) : v));
  return typeof raw;
}

const fail = (reason: SkipReason, detail: string): Checked => ({ ok: false, reason, detail });

function field(f: Field, raw: unknown): number | Checked {
  if (raw === undefined || raw === null) return fail('missing-field', f);
  const n = typeof raw === 'number' ? raw : numeric(raw);
  if (n === undefined) return fail('non-numeric', `${f}=${shown(raw).slice(0, 40)}`);
  if (!Number.isFinite(n)) return fail('not-finite', `${f}=${n}`);
  return n;
}

/**
 * Checks one record's values, by their old names, and converts them. A SQLite
 * row, a BSON document and a driver document each pass their values without a
 * copy; extra fields (_id, anything else) are never looked at.
 */
export function checkValues(time: unknown, channel: unknown, mean: unknown, rms: unknown, minadc: unknown, maxadc: unknown, nowMs: number): Checked {
  const values = [time, channel, mean, rms, minadc, maxadc];
  for (let i = 0; i < FIELDS.length; i++) {
    const n = field(FIELDS[i]!, values[i]);
    if (typeof n !== 'number') return n;
    values[i] = n;
  }
  const [secs, ch, mu, sd, min, max] = values as number[];
  const t = Math.round(secs! * 1000);
  if (t < YEAR_2000_MS) return fail('time-before-2000', `time=${secs}`);
  if (t > nowMs) return fail('time-in-future', `time=${secs}`);
  if (!Number.isInteger(ch) || ch! < 0 || ch! > 7) return fail('bad-channel', `channel=${ch}`);
  if (!(mu! >= 0 && mu! <= 1023)) return fail('count-out-of-range', `mean=${mu}`);
  if (!(min! >= 0 && min! <= 1023)) return fail('count-out-of-range', `minadc=${min}`);
  if (!(max! >= 0 && max! <= 1023)) return fail('count-out-of-range', `maxadc=${max}`);
  if (!(sd! >= 0 && sd! <= MAX_RMS)) return fail('count-out-of-range', `rms=${sd}`);
  if (!Number.isInteger(min) || !Number.isInteger(max)) return fail('fractional-count', `minadc=${min} maxadc=${max}`);
  if (!(min! <= mu! && mu! <= max!)) return fail('inconsistent-counts', `minadc=${min} mean=${mu} maxadc=${max}`);
  return { ok: true, reading: { t, channel: ch!, mean: mu!, min: min!, max: max!, rms: sd! } };
}

/** The same check for a document (BSON, driver) or row object with the old field names. */
export const checkRecord = (doc: Readonly<Record<string, unknown>>, nowMs: number): Checked => checkValues(doc.time, doc.channel, doc.mean, doc.rms, doc.minadc, doc.maxadc, nowMs);
