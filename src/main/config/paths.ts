import { homedir } from 'node:os';
import { join } from 'node:path';

const APP_DIR = 'corcy-power';

type Env = Record<string, string | undefined>;

/** $XDG_DATA_HOME/corcy-power, ~/.local/share/corcy-power when unset (XDG base directory spec). */
export function dataDir(env: Env = process.env): string {
  return join(env.XDG_DATA_HOME || join(env.HOME || homedir(), '.local', 'share'), APP_DIR);
}

export function configDir(env: Env = process.env): string {
  return join(env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config'), APP_DIR);
}

export const defaultDbPath = (env: Env = process.env): string => join(dataDir(env), 'power.db');
export const defaultConfigPath = (env: Env = process.env): string => join(configDir(env), 'config.json');
