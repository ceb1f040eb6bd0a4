import { type DateKey, isDateKey } from '../../shared/local-time';

export type TempoColour = 'blue' | 'white' | 'red';
export type TempoColours = ReadonlyMap<DateKey, TempoColour>;

// Files found in the wild name colours in English, in French, or as RTE's API does.
const NAMES: Record<string, TempoColour> = {
  blue: 'blue',
  bleu: 'blue',
  tempo_bleu: 'blue',
  white: 'white',
  blanc: 'white',
  tempo_blanc: 'white',
  red: 'red',
  rouge: 'red',
  tempo_rouge: 'red',
};

export class TempoFileError extends Error {}

function colourOf(raw: unknown, where: string): TempoColour {
  const c = typeof raw === 'string' ? NAMES[raw.trim().toLowerCase()] : undefined;
  if (!c) throw new TempoFileError(`${where}: unknown colour ${JSON.stringify(raw)} (blue, white or red)`);
  return c;
}

function dateOf(raw: string, where: string): DateKey {
  const d = raw.trim().slice(0, 10);
  if (!isDateKey(d)) throw new TempoFileError(`${where}: not a date (YYYY-MM-DD): ${JSON.stringify(raw)}`);
  return d;
}

/**
 * Reads a colour file: JSON (`{"2026-01-05": "red"}` or `[{"date": ..., "colour": ...}]`)
 * or CSV (`date,colour` with an optional header, `,` or `;`). Every bad line is an
 * error naming the line: a colour guessed wrong is a wrong bill.
 */
export function parseTempoColours(text: string, file: string): Map<DateKey, TempoColour> {
  const out = new Map<DateKey, TempoColour>();
  const body = text.replace(/^\uFEFF/, '').trim();
  if (body.startsWith('{') || body.startsWith('[')) {
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch (e) {
      throw new TempoFileError(`${file}: not valid JSON: ${(e as Error).message}`);
    }
    const entries: [unknown, unknown][] = Array.isArray(json)
      ? json.map((entry: Record<string, unknown>) => [entry?.date, entry?.colour ?? entry?.color ?? entry?.couleur])
      : Object.entries(json as Record<string, unknown>);
    entries.forEach(([d, c], i) => {
      const where = `${file} entry ${i + 1}`;
      if (typeof d !== 'string') throw new TempoFileError(`${where}: missing date`);
      out.set(dateOf(d, where), colourOf(c, where));
    });
    return out;
  }
  body.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    const [d = '', c] = line.split(/[;,\t]/);
    if (i === 0 && !/^\s*\d{4}-/.test(d)) return;
    const where = `${file} line ${i + 1}`;
    out.set(dateOf(d, where), colourOf(c, where));
  });
  return out;
}
