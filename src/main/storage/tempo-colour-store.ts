import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { DateKey } from '../../shared/local-time';
import { writeFileAtomic } from '../config/config-file';
import { type TempoColour, parseTempoColours } from '../billing/tempo-colours';

/** Where the colours live: beside the database, so a --db elsewhere has its own. */
export const tempoFileFor = (dbPath: string): string => join(dirname(dbPath), 'tempo-colours.json');

/**
 * Tempo day colours, kept as a small JSON file beside the database
 * (`{"2026-01-05": "red", ...}`): a few hundred entries a decade.
 */
export class TempoColourStore {
  private colours = new Map<DateKey, TempoColour>();
  /** Bumped on every change, so cached costs know they are stale. */
  revision = 0;

  constructor(private readonly file: string) {
    try {
      this.colours = parseTempoColours(readFileSync(file, 'utf8'), file);
    } catch (err) {
      // No file yet: no colours known. A bad file is an error naming its line.
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }

  get all(): ReadonlyMap<DateKey, TempoColour> {
    return this.colours;
  }

  /** Merges colours (an import, or one day entered on screen) and saves the file. Returns how many changed. */
  merge(entries: ReadonlyMap<DateKey, TempoColour>): number {
    let changed = 0;
    const next = new Map(this.colours);
    for (const [d, c] of entries) {
      if (next.get(d) !== c) changed++;
      next.set(d, c);
    }
    if (changed === 0) return 0;
    const sorted = Object.fromEntries([...next].sort(([a], [b]) => (a < b ? -1 : 1)));
    writeFileAtomic(this.file, `${JSON.stringify(sorted, null, 1)}\n`);
    this.colours = next;
    this.revision++;
    return changed;
  }
}
