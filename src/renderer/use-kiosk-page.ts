import { useEffect } from 'react';

/** What the page says about its wake lock, for the status of a kiosk (and for tests): on <html data-wake-lock>. */
type WakeLockState = 'held' | 'released' | 'refused' | 'unsupported';

const show = (state: WakeLockState): void => void (document.documentElement.dataset.wakeLock = state);

/**
 * A wall screen in a browser: the screen kept awake with the Wake Lock API
 * (Chromium releases the lock whenever the page is hidden, so it is asked for
 * again on each return), and no context menu on a long press. The session's own
 * blanking is turned off apart (docs/pi-setup.md); Electron holds its own blocker.
 */
export function useKioskPage(): void {
  useEffect(() => {
    let alive = true;
    let lock: WakeLockSentinel | null = null;
    const acquire = async (): Promise<void> => {
      if (!('wakeLock' in navigator)) return show('unsupported');
      if (document.hidden || (lock && !lock.released)) return;
      try {
        const l = await navigator.wakeLock.request('screen');
        if (!alive) return void l.release();
        lock = l;
        show('held');
        l.addEventListener('release', () => show('released'));
      } catch {
        show('refused');
      }
    };
    const onVisible = (): void => void acquire();
    const noMenu = (e: Event): void => e.preventDefault();
    void acquire();
    document.addEventListener('visibilitychange', onVisible);
    window.addEventListener('contextmenu', noMenu);
    return () => {
      alive = false;
      document.removeEventListener('visibilitychange', onVisible);
      window.removeEventListener('contextmenu', noMenu);
      void lock?.release();
    };
  }, []);
}
