import { useEffect } from 'react';
import type { PowerApi } from '../shared/power-api';

const THROTTLE_MS = 5_000;

/** A touch anywhere brings the backlight to full (the main process dims it at night). */
export function useScreenWake(api: PowerApi): void {
  useEffect(() => {
    let last = 0;
    const onTouch = (): void => {
      const now = Date.now();
      if (now - last < THROTTLE_MS) return;
      last = now;
      void api.wakeScreen({}).catch(() => undefined);
    };
    window.addEventListener('pointerdown', onTouch, { passive: true });
    return () => window.removeEventListener('pointerdown', onTouch);
  }, [api]);
}
