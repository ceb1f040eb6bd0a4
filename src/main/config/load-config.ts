import { type Config, ConfigSchema } from './config-schema';
import { readConfigFile } from './config-file';
import { describeIssues } from '../core/zod-issues';

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

/**
 * For one-shot commands (export, simulate, import, tempo): a missing file means
 * every default; an unreadable or invalid one stops the command, which would
 * otherwise act on a database or zone the user did not mean.
 */
export function loadConfig(file: string): Config {
  const state = readConfigFile(file);
  if (state.kind === 'invalid') throw new ConfigError(file, state.problems);
  return parseConfig(state.kind === 'valid' ? state.raw : {}, file);
}

export interface StartupConfig {
  config: Config;
  /** Why the file was not used, to show on screen and in the log; null when it was (or is missing). */
  problem: string | null;
}

/**
 * What the kiosk and `serve` start from, alike: a file that does not validate
 * means running on every default and showing why, so that recording never stops
 * over a typo. The file is never rewritten here (the settings screen replaces it
 * only when asked, keeping a dated copy).
 */
export function startupConfig(file: string): StartupConfig {
  try {
    return { config: loadConfig(file), problem: null };
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    return { config: parseConfig({}, file), problem: `${err.message} (running on the defaults; the file is left as it is)` };
  }
}
