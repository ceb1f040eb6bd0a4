import { join } from 'node:path';
import { autostartEntry, cageUnit, commandWrapper, launcherScript, serveUnit } from './kiosk-files';

export const KIOSK_MODES = ['desktop', 'cage', 'headless'] as const;
export type KioskMode = (typeof KIOSK_MODES)[number];

/** How CorcyPower is installed: from the .deb (Electron runs the CLI) or from a git checkout. */
export type Layout = { kind: 'packaged'; executable: string } | { kind: 'checkout'; dir: string; node: string };

export const KIOSK_UNIT = 'corcy-power-kiosk@.service';
export const SERVE_UNIT = 'corcy-power-serve@.service';
export const AUTOSTART_NAME = 'corcy-power.desktop';
export const LAUNCHER_NAME = 'corcy-power-kiosk';
/** The .deb's /usr/bin/corcy-power (commandWrapper), beside the Electron executable it runs. */
export const COMMAND_NAME = 'corcy-power';
export const PACKAGED_EXECUTABLE = '/opt/CorcyPower/corcy-power';

/**
 * The boot target each mode needs. cage wants multi-user.target and must not meet
 * a display manager on the screen; the desktop needs graphical.target (the display
 * manager and its auto-login); headless runs under either and leaves it alone.
 */
export const DEFAULT_TARGET: Record<KioskMode, string | null> = {
  desktop: 'graphical.target',
  cage: 'multi-user.target',
  headless: null,
};

export interface KioskFile {
  path: string;
  content: string;
  /** Permission bits. */
  mode: number;
  /** Owned by the kiosk user (in their home), not root. */
  userOwned: boolean;
}

export interface KioskPlan {
  write: KioskFile[];
  remove: string[];
  /** argv arrays, run in order; each must be safe to repeat. */
  commands: string[][];
  notes: string[];
}

const sh = (s: string): string => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

/** The commands for each layout; the headless one never needs a display. */
export function commandsFor(layout: Layout): { electron: string; cli: string } {
  if (layout.kind === 'packaged') {
    return { electron: sh(layout.executable), cli: `${sh(layout.executable)} --ozone-platform=headless` };
  }
  return {
    electron: `${sh(join(layout.dir, 'node_modules', '.bin', 'electron'))} ${sh(layout.dir)}`,
    cli: `${sh(layout.node)} ${sh(join(layout.dir, 'bin', 'corcy-power.js'))}`,
  };
}

/** The four files, for a user or for the %i template the .deb ships (which adds the command wrapper). */
export function kioskTemplates(layout: Layout, launcherPath: string, serveArgs: readonly string[] = []): Record<string, string> {
  const c = commandsFor(layout);
  return {
    ...(layout.kind === 'packaged' ? { [COMMAND_NAME]: commandWrapper({ executable: PACKAGED_EXECUTABLE }) } : {}),
    [LAUNCHER_NAME]: launcherScript({ electronCommand: c.electron }),
    [AUTOSTART_NAME]: autostartEntry({ launcher: launcherPath }),
    [KIOSK_UNIT]: cageUnit({ user: '%i', launcher: launcherPath, tty: 1 }),
    [SERVE_UNIT]: serveUnit({ user: '%i', command: c.cli, args: serveArgs }),
  };
}

export interface PlanOptions {
  mode: KioskMode;
  user: string;
  home: string;
  layout: Layout;
  /** Prefix for every path (a staging dir in tests); '' on the real system. */
  root: string;
  serveArgs?: readonly string[];
}

/**
 * Everything `install-kiosk` does, as data. Every mode writes the same files and
 * enables exactly one way to start, so switching modes leaves nothing behind.
 */
export function planKiosk(options: PlanOptions): KioskPlan {
  if (!/^[a-z_][a-z0-9_-]*\$?$/i.test(options.user)) throw new Error(`not a valid user name: "${options.user}"`);
  const launcher = options.layout.kind === 'packaged' ? `/usr/bin/${LAUNCHER_NAME}` : `/usr/local/bin/${LAUNCHER_NAME}`;
  const t = kioskTemplates(options.layout, launcher, options.serveArgs);
  const at = (p: string): string => join(options.root || '/', p);
  const autostart = at(join(options.home, '.config', 'autostart', AUTOSTART_NAME));
  const kiosk = `corcy-power-kiosk@${options.user}.service`;
  const serve = `corcy-power-serve@${options.user}.service`;
  const write: KioskFile[] = [
    { path: at(launcher), content: t[LAUNCHER_NAME]!, mode: 0o755, userOwned: false },
    { path: at(`/etc/systemd/system/${KIOSK_UNIT}`), content: t[KIOSK_UNIT]!, mode: 0o644, userOwned: false },
    { path: at(`/etc/systemd/system/${SERVE_UNIT}`), content: t[SERVE_UNIT]!, mode: 0o644, userOwned: false },
  ];
  const remove: string[] = [];
  if (options.mode === 'desktop') write.push({ path: autostart, content: t[AUTOSTART_NAME]!, mode: 0o644, userOwned: true });
  else remove.push(autostart);
  const enable = options.mode === 'cage' ? [kiosk] : options.mode === 'headless' ? [serve] : [];
  const disable = [kiosk, serve].filter((u) => !enable.includes(u));
  const target = DEFAULT_TARGET[options.mode];
  const commands = [
    ['adduser', options.user, 'spi'],
    ['systemctl', 'daemon-reload'],
    ['systemctl', 'disable', ...disable],
    ...(enable.length ? [['systemctl', 'enable', ...enable]] : []),
    ...(target ? [['systemctl', 'set-default', target]] : []),
  ];
  const notes = {
    desktop: `the kiosk starts when ${options.user} logs in to the desktop: turn on auto-login (raspi-config, System Options, Boot / Auto Login, Desktop Autologin)`,
    cage: `cage takes tty1 at boot with no desktop: install it (sudo apt install cage); the Pi now boots to console (multi-user.target), so no display manager starts`,
    headless: `corcy-power serve runs at boot; see it at http://<pi>:8080 once server.host allows the LAN (a token is then required)`,
  };
  return { write, remove, commands, notes: [notes[options.mode], 'reboot, or start it now with systemctl start, to take effect'] };
}
