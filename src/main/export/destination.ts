import { readFileSync, readdirSync, statSync } from 'node:fs';
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import type { Destination } from '../../shared/kiosk-contract';

export interface DestinationOptions {
  /** /proc/mounts, or a fake one in tests. */
  mountsFile?: string;
  /** Where the desktop mounts sticks: /media/<user> (Raspberry Pi OS), /run/media/<user> (udisks2 elsewhere). */
  mediaDirs?: string[];
  /** config export.folder; default the XDG Downloads folder. */
  folder?: string | undefined;
  env?: Record<string, string | undefined>;
}

export interface Mount {
  device: string;
  dir: string;
  writable: boolean;
}

// /proc/mounts escapes space, tab, newline and backslash as octal.
const unescape = (s: string): string => s.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));

export function parseMounts(text: string): Mount[] {
  return text
    .split('\n')
    .map((line) => line.split(' '))
    .filter((f) => f.length >= 4)
    .map(([device, dir, , opts]) => ({ device: unescape(device!), dir: unescape(dir!), writable: opts!.split(',').includes('rw') }));
}

const defaultMediaDirs = (): string[] => {
  const user = userInfo().username;
  return [join('/media', user), join('/run/media', user)];
};

/** USB sticks and cards mounted for this user, most recently mounted last. */
export function removableMounts(options: DestinationOptions = {}): Mount[] {
  const roots = options.mediaDirs ?? defaultMediaDirs();
  const under = (dir: string): boolean => roots.some((r) => dir.startsWith(`${r}/`));
  try {
    return parseMounts(readFileSync(options.mountsFile ?? '/proc/mounts', 'utf8')).filter((m) => under(m.dir));
  } catch {
    // No /proc (not Linux): any folder under the media roots is taken for a stick.
    return roots.flatMap((r) => {
      try {
        return readdirSync(r)
          .map((n) => join(r, n))
          .filter((d) => statSync(d).isDirectory())
          .map((dir) => ({ device: '', dir, writable: true }));
      } catch {
        return [];
      }
    });
  }
}

/** $XDG_DOWNLOAD_DIR from ~/.config/user-dirs.dirs (localised, e.g. ~/Téléchargements), else ~/Downloads. */
export function downloadsDir(env: Record<string, string | undefined> = process.env): string {
  const home = env.HOME || homedir();
  if (env.XDG_DOWNLOAD_DIR) return env.XDG_DOWNLOAD_DIR;
  try {
    const text = readFileSync(join(env.XDG_CONFIG_HOME || join(home, '.config'), 'user-dirs.dirs'), 'utf8');
    const m = /^XDG_DOWNLOAD_DIR="([^"]*)"/m.exec(text);
    if (m) return m[1]!.replace(/^\$HOME/, home);
  } catch {
    // No user-dirs file: the usual name.
  }
  return join(home, 'Downloads');
}

/** A writable stick when one is mounted, else the configured folder. */
export function chooseDestination(options: DestinationOptions = {}): Destination {
  const stick = removableMounts(options)
    .filter((m) => m.writable)
    .at(-1);
  if (stick) return { kind: 'usb', dir: stick.dir, device: stick.device || null };
  return { kind: 'folder', dir: options.folder ?? downloadsDir(options.env), device: null };
}
