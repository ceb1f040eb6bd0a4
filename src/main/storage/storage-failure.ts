import { statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import type { StorageCause, StorageStatus } from '../../shared/contract';
import type { QueueHealth } from './write-queue';

export interface StorageFailure {
  cause: StorageCause;
  /** What went wrong, naming the file. */
  message: string;
  /** What the household's technical friend does about it. */
  fix: string;
}

/** Bytes a non-root process may still write in `dir`, or null when the filesystem cannot say. */
function freeBytes(dir: string): number | null {
  try {
    const s = statfsSync(dir);
    return s.bavail * s.bsize;
  } catch {
    return null;
  }
}

const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(bytes < 10e6 ? 1 : 0)} MB`;

// better-sqlite3 puts SQLite's extended result code in err.code: SQLITE_FULL,
// SQLITE_READONLY_DBMOVED, SQLITE_CORRUPT_INDEX...; the prefix is the cause.
const CAUSES: [RegExp, StorageCause][] = [
  [/^(SQLITE_FULL|ENOSPC|EDQUOT)/, 'disk_full'],
  [/^(SQLITE_READONLY|SQLITE_CANTOPEN|EROFS|EACCES|EPERM)/, 'read_only'],
  [/^(SQLITE_CORRUPT|SQLITE_NOTADB)/, 'corrupt'],
  [/^(SQLITE_BUSY|SQLITE_LOCKED)/, 'locked'],
];

/** Why a write of readings failed, and its fix, for the status line. */
export function describeStorageFailure(err: unknown, dbPath: string, free: (dir: string) => number | null = freeBytes): StorageFailure {
  const code = String((err as NodeJS.ErrnoException | null)?.code ?? '');
  const detail = (err as Error | null)?.message ?? String(err);
  const cause = CAUSES.find(([re]) => re.test(code))?.[1] ?? 'io';
  const dir = dirname(dbPath);
  switch (cause) {
    case 'disk_full': {
      const left = free(dir);
      return {
        cause,
        message: `disk full: ${dbPath} cannot grow (${left === null ? 'free space unknown' : `${mb(left)} free`} in ${dir})`,
        fix: `free space in ${dir}, or lower storage.retentionDays`,
      };
    }
    case 'read_only':
      return { cause, message: `read-only: ${dbPath} cannot be written (${detail})`, fix: `make ${dbPath} and ${dir} writable by this user, or remount the card read-write` };
    case 'corrupt':
      return { cause, message: `damaged database: ${dbPath} (${detail})`, fix: `stop the app, keep a copy of ${dbPath}, and restore a backup or run sqlite3 .recover` };
    case 'locked':
      return { cause, message: `locked: another program holds ${dbPath} (${detail})`, fix: `close the other program (a sqlite3 shell left in a transaction, a backup tool)` };
    default:
      return { cause, message: `cannot write ${dbPath}: ${detail}`, fix: `check the card and ${dir}` };
  }
}

/**
 * The status line's view of the write queue: ok, or why writes fail, how many
 * readings wait, and when the oldest will be dropped if readings keep coming
 * every `intervalMs` and nothing is written.
 */
export function storageStatus(h: QueueHealth, dbPath: string, now: number, intervalMs: number): StorageStatus {
  if (!h.failure) return { state: 'ok' };
  return {
    state: 'failing',
    ...describeStorageFailure(h.failure.error, dbPath),
    since: h.failure.since,
    pending: h.pending,
    firstLossAt: now + Math.max(0, h.maxPending - h.pending) * intervalMs,
    dropped: h.failure.dropped,
  };
}
