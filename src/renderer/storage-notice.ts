import type { StorageStatus } from '../shared/contract';
import { formatInteger } from './locale-format';

export interface StorageWords {
  storageWaiting: (n: string) => string;
  storageFirstLoss: (time: string) => string;
  storageDropped: (n: string) => string;
}

/**
 * The red part of the status line while readings cannot be written: the cause
 * naming the file, its fix, how many readings wait in memory and when the first
 * will be lost (local time of the household's zone). Null when writes succeed.
 */
export function storageNotice(s: StorageStatus, w: StorageWords, tag: string, timeZone: string): string | null {
  if (s.state === 'ok') return null;
  const at = new Intl.DateTimeFormat(tag, { timeZone, hour: '2-digit', minute: '2-digit', day: 'numeric', month: 'short' }).format(s.firstLossAt);
  const parts = [s.message, s.fix, w.storageWaiting(formatInteger(s.pending, tag)), w.storageFirstLoss(at)];
  if (s.dropped > 0) parts.push(w.storageDropped(formatInteger(s.dropped, tag)));
  return parts.join(' · ');
}
