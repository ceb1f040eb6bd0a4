import { accessSync, constants, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Backlight {
  name: string;
  /** Sets the level as a fraction of the maximum; never fully off, so the screen still shows something. */
  set: (fraction: number) => void;
  get: () => number;
}

/**
 * The first writable backlight under <root>/sys/class/backlight (the Pi's
 * official screen is rpi_backlight or 10-0045). Writing needs a udev rule or the
 * video group; without it there is no backlight and the app says so once.
 */
export function findBacklight(root = '/'): Backlight | null {
  const base = join(root, 'sys/class/backlight');
  let names: string[];
  try {
    names = readdirSync(base).sort();
  } catch {
    return null;
  }
  for (const name of names) {
    const dir = join(base, name);
    try {
      const max = Number(readFileSync(join(dir, 'max_brightness'), 'utf8').trim());
      accessSync(join(dir, 'brightness'), constants.W_OK);
      if (!(max > 0)) continue;
      return {
        name,
        set(fraction) {
          const level = Math.max(1, Math.round(Math.min(1, Math.max(0, fraction)) * max));
          writeFileSync(join(dir, 'brightness'), `${level}\n`);
        },
        get() {
          return Number(readFileSync(join(dir, 'brightness'), 'utf8').trim()) / max;
        },
      };
    } catch {
      continue;
    }
  }
  return null;
}
