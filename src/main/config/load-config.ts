import { readFileSync } from 'node:fs';
import { describeIssues } from '../core/zod-issues';
import { withoutBom } from './without-bom';
import { type Config, ConfigSchema } from './config-schema';

/** A config problem, naming the file and every bad field; the file is left as it is. */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`invalid config ${file}: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

export function parseConfig(raw: unknown, file: string): Config {
  const r = ConfigSchema.safeParse(raw);
  if (!r.success) throw new ConfigError(file, describeIssues(r.error.issues));
  return r.data;
}

/** A missing file means every default; an unreadable or invalid one is an error. */
export function loadConfig(file: string): Config {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return parseConfig({}, file);
    throw new ConfigError(file, [`cannot read: ${(err as Error).message}`]);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(withoutBom(text));
  } catch (err) {
    throw new ConfigError(file, [`not valid JSON: ${(err as Error).message}`]);
  }
  return parseConfig(raw, file);
}
