import type { Writable } from 'node:stream';

/**
 * Resolves when `out` has taken its queue, rejects when it closes or takes
 * nothing for `idleMs`. Its listeners go when it settles: one per blocked write
 * would pile up on a long export (MaxListenersExceededWarning).
 */
export function waitForDrain(out: Writable, idleMs: number): Promise<void> {
  if (out.destroyed) return Promise.reject(new Error('client went away'));
  return new Promise<void>((resolve, reject) => {
    const settle = (err: Error | null): void => {
      clearTimeout(timer);
      out.off('drain', onDrain).off('close', onClose).off('error', onClose);
      if (err) reject(err);
      else resolve();
    };
    const onDrain = (): void => settle(null);
    const onClose = (): void => settle(new Error('client went away'));
    const timer = setTimeout(() => settle(new Error(`client took nothing for ${idleMs / 1000} s`)), idleMs);
    out.on('drain', onDrain).on('close', onClose).on('error', onClose);
  });
}
