import { closeSync, fsyncSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { mkdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describeIssues } from '../core/zod-issues';
import { withoutBom } from './without-bom';
import { ConfigSchema } from './config-schema';

/** What is on disk now: the settings screen must not silently replace a file it cannot read. */
export type ConfigFileState = { kind: 'missing' } | { kind: 'valid'; raw: Record<string, unknown> } | { kind: 'invalid'; problems: string[]; text: string };

export function readConfigFile(file: string): ConfigFileState {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    return { kind: 'invalid', problems: [`cannot read: ${(err as Error).message}`], text: '' };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(withoutBom(text));
  } catch (err) {
    return { kind: 'invalid', problems: [`not valid JSON: ${(err as Error).message}`], text };
  }
  const r = ConfigSchema.safeParse(raw);
  if (!r.success) return { kind: 'invalid', problems: describeIssues(r.error.issues), text };
  return { kind: 'valid', raw: raw as Record<string, unknown> };
}

function writeSynced(path: string, text: string, mode: number): void {
  const fd = openSync(path, 'w', mode);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Write to a temporary file beside the target, fsync, then rename over it: a
 * power cut leaves either the old file or the new one, never half of each.
 * Mode 0600: the file holds the PIN's hash.
 */
export function writeFileAtomic(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  try {
    writeSynced(tmp, text, 0o600);
    renameSync(tmp, file);
  } catch (err) {
    try {
      unlinkSync(tmp);
    } catch {
      // Already gone or never made.
    }
    throw err;
  }
  try {
    const dir = openSync(dirname(file), 'r');
    fsyncSync(dir);
    closeSync(dir);
  } catch {
    // Some filesystems cannot fsync a directory; the rename is still atomic.
  }
}

/** Keeps a hand-written file the user asked us to replace, beside it, dated. */
export function backupConfigText(file: string, text: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const backup = `${file}.invalid-${stamp}`;
  writeFileAtomic(backup, text);
  return backup;
}
