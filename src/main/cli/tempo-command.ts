import { readFileSync } from 'node:fs';
import { loadConfig } from '../config/load-config';
import { defaultDbPath } from '../config/paths';
import { TempoColourStore, tempoFileFor } from '../storage/tempo-colour-store';
import { parseTempoColours } from '../billing/tempo-colours';
import { type Command, UsageError } from './command';

export const tempoCommand: Command = {
  name: 'tempo',
  summary: 'import Tempo day colours (JSON or CSV date,colour) used to price a Tempo tariff',
  usage: 'corcy-power tempo --import FILE [--db PATH] [--config PATH]\n  FILE: {"2026-01-05":"red"} or CSV lines 2026-01-05,rouge (bleu/blanc/rouge or blue/white/red)',
  options: { import: { type: 'string' } },
  run(ctx) {
    const file = ctx.values.import as string | undefined;
    if (!file) throw new UsageError('--import FILE is required');
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      throw new UsageError(`cannot read ${file}: ${(e as Error).message}`);
    }
    const colours = parseTempoColours(text, file);
    const config = loadConfig(ctx.configPath);
    const store = new TempoColourStore(tempoFileFor(ctx.dbPath ?? config.storage.path ?? defaultDbPath()));
    const changed = store.merge(colours);
    console.log(`corcy-power tempo: ${colours.size} days read, ${changed} new or changed, ${store.all.size} known`);
    return 0;
  },
};
