// What the kiosk does when its page's process dies (render-process-gone): a wall
// screen with nobody at the keyboard reloads, but not in a tight loop when the
// page dies again at once (a GPU that keeps crashing it). Pure; the shell applies it.

export interface GoneDetails {
  /** Electron's RenderProcessGoneDetails.reason: crashed, oom, killed, clean-exit... */
  reason: string;
  exitCode: number;
}

export type Recovery = { action: 'reload'; delayMs: number; log: string } | { action: 'none'; log: string };

/** Deaths within this window count towards the backoff. */
export const RECENT_MS = 5 * 60_000;
export const MAX_DELAY_MS = 60_000;

/**
 * `recent`: the times of earlier deaths (ms). The first reloads at once, each
 * further one within RECENT_MS waits twice as long, up to a minute.
 */
export function recoverFromGone(details: GoneDetails, now: number, recent: readonly number[]): Recovery {
  const what = `renderer gone (${details.reason}, exit code ${details.exitCode})`;
  // The page closing with its window (quit, or a second instance) is not a failure.
  if (details.reason === 'clean-exit') return { action: 'none', log: `${what}: not reloading` };
  const earlier = recent.filter((t) => now - t < RECENT_MS).length;
  const delayMs = earlier === 0 ? 0 : Math.min(MAX_DELAY_MS, 1000 * 2 ** (earlier - 1));
  return { action: 'reload', delayMs, log: `${what}: reloading${delayMs ? ` in ${delayMs / 1000} s` : ''} (${earlier + 1} in the last 5 min)` };
}
