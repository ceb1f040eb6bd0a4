import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { MIN_TOKEN_LENGTH, generateToken, isLoopbackHost } from './access-token';

export interface TokenChoice {
  host: string;
  /** --token */
  flag?: string;
  /** server.token in the config */
  configured?: string;
  /** Where a generated token is kept, so the link on the phone keeps working. */
  file: string;
}

export type ResolvedToken = { token: string; origin: 'flag' | 'config' | 'stored' | 'generated' } | null;

/**
 * A token given is always enforced. Without one, a loopback bind needs none and
 * a LAN bind gets one: read from the data folder, or generated and stored there
 * (mode 600) on the first LAN start.
 */
export function resolveServerToken(c: TokenChoice): ResolvedToken {
  for (const [value, origin] of [
    [c.flag, 'flag'],
    [c.configured, 'config'],
  ] as const) {
    if (value === undefined) continue;
    if (value.length < MIN_TOKEN_LENGTH) throw new Error(`the server token must be at least ${MIN_TOKEN_LENGTH} characters (${origin === 'flag' ? '--token' : 'server.token'})`);
    return { token: value, origin };
  }
  if (isLoopbackHost(c.host)) return null;
  try {
    const stored = readFileSync(c.file, 'utf8').trim();
    if (stored.length >= MIN_TOKEN_LENGTH) return { token: stored, origin: 'stored' };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const token = generateToken();
  mkdirSync(dirname(c.file), { recursive: true });
  writeFileSync(c.file, token + '\n', { mode: 0o600 });
  return { token, origin: 'generated' };
}
