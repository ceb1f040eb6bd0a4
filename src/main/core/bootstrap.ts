import type { Config } from '../config/config-schema';
import { startupConfig } from '../config/load-config';
import { defaultDbPath } from '../config/paths';

export interface Bootstrap {
  config: Config;
  /** Why the config file was not used (shown on the status line), or null. */
  problem: string | null;
  /** --db, else storage.path, else the data folder's power.db. */
  dbPath: string;
}

/**
 * Where the kiosk and `serve` both start: the config (every default, and the
 * problem to show, when the file does not validate; the file is never
 * rewritten) and the database it names.
 */
export function bootstrap(configPath: string, dbFlag: string | undefined): Bootstrap {
  const { config, problem } = startupConfig(configPath);
  return { config, problem, dbPath: dbFlag ?? config.storage.path ?? defaultDbPath() };
}
