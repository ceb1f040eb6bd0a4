import { join } from 'node:path';
import { BROWSER_HOST, BROWSER_PORT, browserLauncherScript } from './browser-files';
import { autostartEntry, cageUnit, commandWrapper, launcherScript, serveUnit } from './kiosk-files';

export const KIOSK_MODES = ['desktop', 'cage', 'headless', 'browser'] as const;
export type KioskMode = (typeof KIOSK_MODES)[number];
/** Where the browser kiosk shows: cage from the console, or the desktop session's autostart. */
export const BROWSER_SCREENS = ['cage', 'desktop'] as const;
export type BrowserScreen = (typeof BROWSER_SCREENS)[number];

/** How CorcyPower is installed: from the .deb (Electron runs the CLI) or from a git checkout. */
export type Layout = { kind: 'packaged'; executable: string } | { kind: 'checkout'; dir: string; node: string };

const KIOSK_UNIT = 'corcy-power-kiosk@.service';
const SERVE_UNIT = 'corcy-power-serve@.service';
const BROWSER_UNIT = 'corcy-power-browser@.service';
/** Not in the .deb (which has Electron): written by install-kiosk from wherever it runs. */
export const BROWSER_LAUNCHER = '/usr/local/bin/corcy-power-browser';
const AUTOSTART_NAME = 'corcy-power.desktop';
const LAUNCHER_NAME = 'corcy-power-kiosk';
/** The .deb's /usr/bin/corcy-power (commandWrapper), beside the Electron executable it runs. */
const COMMAND_NAME = 'corcy-power';
const PACKAGED_EXECUTABLE = '/opt/CorcyPower/corcy-power';

/**
 * The boot target each mode needs. cage wants multi-user.target and must not meet
 * a display manager on the screen; the desktop needs graphical.target (the display
 * manager and its auto-login); headless runs under either and leaves it alone.
 */
function bootTarget(mode: KioskMode, screen: BrowserScreen = 'cage'): string | null {
  if (mode === 'headless') return null;
  const onDesktop = mode === 'desktop' || (mode === 'browser' && screen === 'desktop');
  return onDesktop ? 'graphical.target' : 'multi-user.target';
}

interface KioskFile {
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
  /** Browser mode only: cage from the console (the default) or the desktop's autostart. */
  screen?: BrowserScreen;
}

/** The units each mode starts at boot, the browser kiosk's serve first. */
function unitsToEnable(mode: KioskMode, screen: BrowserScreen, user: string): string[] {
  const unit = (t: string): string => t.replace('@.service', `@${user}.service`);
  if (mode === 'cage') return [unit(KIOSK_UNIT)];
  if (mode === 'headless') return [unit(SERVE_UNIT)];
  if (mode === 'browser') return screen === 'cage' ? [unit(SERVE_UNIT), unit(BROWSER_UNIT)] : [unit(SERVE_UNIT)];
  return [];
}

function notesFor(options: PlanOptions, screen: BrowserScreen): string {
  const autologin = `turn on auto-login (raspi-config, System Options, Boot / Auto Login, Desktop Autologin)`;
  if (options.mode === 'desktop') return `the kiosk starts when ${options.user} logs in to the desktop: ${autologin}`;
  if (options.mode === 'cage')
    return `cage takes tty1 at boot with no desktop: install it (sudo apt install cage); the Pi now boots to console (multi-user.target), so no display manager starts`;
  if (options.mode === 'headless') return `corcy-power serve runs at boot; see it at http://<pi>:8080 once server.host allows the LAN (a token is then required)`;
  const needs = 'sudo apt install chromium curl (chromium-browser on Bullseye and earlier)';
  return screen === 'cage'
    ? `serve runs on ${BROWSER_HOST}:${BROWSER_PORT} and cage shows Chromium on tty1 at boot: ${needs} cage; the Pi now boots to console (multi-user.target)`
    : `serve runs on ${BROWSER_HOST}:${BROWSER_PORT} at boot and Chromium opens when ${options.user} logs in to the desktop: ${needs}; ${autologin}`;
}

/**
 * Everything `install-kiosk` does, as data. Every mode writes the same files and
 * enables exactly one way to start, so switching modes leaves nothing behind.
 */
export function planKiosk(options: PlanOptions): KioskPlan {
  if (!/^[a-z_][a-z0-9_-]*\$?$/i.test(options.user)) throw new Error(`not a valid user name: "${options.user}"`);
  const screen = options.screen ?? 'cage';
  const launcher = options.layout.kind === 'packaged' ? `/usr/bin/${LAUNCHER_NAME}` : `/usr/local/bin/${LAUNCHER_NAME}`;
  // The browser kiosk's page may save settings and export only from loopback.
  const serveArgs = options.mode === 'browser' ? ['--host', BROWSER_HOST, '--port', String(BROWSER_PORT)] : options.serveArgs;
  const t = kioskTemplates(options.layout, launcher, serveArgs);
  const at = (p: string): string => join(options.root || '/', p);
  const autostart = at(join(options.home, '.config', 'autostart', AUTOSTART_NAME));
  const unitPath = (name: string): string => at(`/etc/systemd/system/${name}`);
  const browserUnit = cageUnit({ user: '%i', launcher: BROWSER_LAUNCHER, tty: 1, what: 'Chromium', needs: 'corcy-power-serve@%i.service' });
  const write: KioskFile[] = [
    { path: at(launcher), content: t[LAUNCHER_NAME]!, mode: 0o755, userOwned: false },
    { path: at(BROWSER_LAUNCHER), content: browserLauncherScript(), mode: 0o755, userOwned: false },
    { path: unitPath(KIOSK_UNIT), content: t[KIOSK_UNIT]!, mode: 0o644, userOwned: false },
    { path: unitPath(SERVE_UNIT), content: t[SERVE_UNIT]!, mode: 0o644, userOwned: false },
    { path: unitPath(BROWSER_UNIT), content: browserUnit, mode: 0o644, userOwned: false },
  ];
  const remove: string[] = [];
  if (options.mode === 'desktop') write.push({ path: autostart, content: t[AUTOSTART_NAME]!, mode: 0o644, userOwned: true });
  else if (options.mode === 'browser' && screen === 'desktop')
    write.push({ path: autostart, content: autostartEntry({ launcher: BROWSER_LAUNCHER }), mode: 0o644, userOwned: true });
  else remove.push(autostart);
  const enable = unitsToEnable(options.mode, screen, options.user);
  const disable = [KIOSK_UNIT, SERVE_UNIT, BROWSER_UNIT].map((u) => u.replace('@.service', `@${options.user}.service`)).filter((u) => !enable.includes(u));
  const target = bootTarget(options.mode, screen);
  const commands = [
    ['adduser', options.user, 'spi'],
    ['systemctl', 'daemon-reload'],
    ['systemctl', 'disable', ...disable],
    ...(enable.length ? [['systemctl', 'enable', ...enable]] : []),
    ...(target ? [['systemctl', 'set-default', target]] : []),
  ];
  return { write, remove, commands, notes: [notesFor(options, screen), 'reboot, or start it now with systemctl start, to take effect'] };
}
