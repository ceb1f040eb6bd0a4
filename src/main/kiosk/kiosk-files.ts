// The files that start CorcyPower at boot, as pure text. The `install-kiosk`
// command writes them for one user; the .deb ships the same text, rendered with
// systemd's %i (the instance name is the user), so both paths stay identical.

/** Chromium flags for a wall screen; kept here so the launcher and the .desktop agree. */
const KIOSK_FLAGS = [
  // Wayland when the session is Wayland (labwc, wayfire, cage), X11 otherwise.
  '--ozone-platform-hint=auto',
] as const;

/**
 * Under cage there is no session to hint from: Chromium is told Wayland outright
 * (a later --ozone-platform wins over the launcher's hint).
 */
const CAGE_FLAGS = ['--ozone-platform=wayland'] as const;

const RESTART_DELAY_S = 3;

export interface LauncherOptions {
  /** The command that starts the Electron app, already quoted for sh where needed. */
  electronCommand: string;
}

/**
 * `corcy-power-kiosk`: the one entry point that cage and the desktop autostart
 * run. A crash restarts the app (a desktop session would not); exit status 0 is
 * a deliberate quit, or a second instance giving way, and ends the loop.
 */
export function launcherScript(options: LauncherOptions): string {
  return [
    '#!/bin/sh',
    '# Starts the CorcyPower kiosk (written by corcy-power install-kiosk; edits are overwritten).',
    '# The screen never blanks while the app runs: the app holds a display-sleep blocker;',
    '# DPMS for the whole session is set in the session (see docs/pi-setup.md).',
    `delay=${RESTART_DELAY_S}`,
    '[ -n "$CORCY_POWER_RESTART_DELAY" ] && delay=$CORCY_POWER_RESTART_DELAY',
    'while :; do',
    `  ${options.electronCommand} ${KIOSK_FLAGS.join(' ')} "$@"`,
    '  status=$?',
    '  [ "$status" -eq 0 ] && exit 0',
    '  echo "corcy-power-kiosk: exited with status $status, restarting in $delay s" >&2',
    '  sleep "$delay"',
    'done',
    '',
  ].join('\n');
}

export interface AutostartOptions {
  /** Absolute path of corcy-power-kiosk. */
  launcher: string;
}

/**
 * XDG autostart entry (~/.config/autostart): labwc (through xdg-autostart),
 * wayfire and the X11 LXDE session of Raspberry Pi OS all honour it.
 */
export function autostartEntry(options: AutostartOptions): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=CorcyPower',
    'Comment=Home power monitor kiosk',
    `Exec=${options.launcher}`,
    'Icon=corcy-power',
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    'NoDisplay=true',
    '',
  ].join('\n');
}

export interface CageUnitOptions {
  /** A user name, or %i in the template unit shipped in the .deb. */
  user: string;
  launcher: string;
  tty: number;
  /** What runs on the screen, for the description; the Electron app by default. */
  what?: string;
  /** A unit the kiosk needs running first (the browser kiosk's serve). */
  needs?: string;
}

/** A bare kiosk: no desktop, cage owns the screen on one VT, restarted when it dies. */
export function cageUnit(options: CageUnitOptions): string {
  const tty = `tty${options.tty}`;
  return [
    '[Unit]',
    `Description=CorcyPower kiosk (${options.what ? options.what + ' ' : ''}cage on ${tty})`,
    'After=systemd-user-sessions.service plymouth-quit-wait.service',
    ...(options.needs ? [`Wants=${options.needs}`, `After=${options.needs}`] : []),
    `Conflicts=getty@${tty}.service`,
    `After=getty@${tty}.service`,
    'Wants=dbus.socket systemd-logind.service',
    '',
    '[Service]',
    `User=${options.user}`,
    'Environment=XDG_SESSION_TYPE=wayland',
    'PAMName=login',
    `TTYPath=/dev/${tty}`,
    'TTYReset=yes',
    'TTYVHangup=yes',
    'TTYVTDisallocate=yes',
    'StandardInput=tty-fail',
    'StandardOutput=journal',
    'StandardError=journal',
    'UtmpIdentifier=' + tty,
    'UtmpMode=user',
    // -d: no client-side decorations; the app is alone on the screen.
    `ExecStart=/usr/bin/cage -d -- ${options.launcher} ${CAGE_FLAGS.join(' ')}`,
    'Restart=always',
    'RestartSec=3',
    '',
    '[Install]',
    // A cage kiosk boots to console (no display manager to fight for the screen:
    // install-kiosk sets multi-user.target as the default), so graphical.target,
    // which it used to want, is never reached.
    'WantedBy=multi-user.target',
    '',
  ].join('\n');
}

export interface ServeUnitOptions {
  user: string;
  /** The command that runs `corcy-power`, e.g. /usr/bin/corcy-power. */
  command: string;
  /** Extra arguments for serve (--host, --port). */
  args: readonly string[];
}

/**
 * V8's young generation for serve: semi-spaces of 1 MB instead of V8's default
 * of up to 16 MB on a 64-bit build. serve makes a little short-lived garbage at
 * each reading; with the default, V8 let it grow the young generation and serve's
 * resident memory crept from 91 to 100 MB in 20 minutes here, with 1 MB it stayed
 * near 85 MB for the same CPU (see the README, Benchmarks). Plain Node reads it
 * (a checkout's serve, as the browser kiosk runs it); the packaged Electron ignores
 * NODE_OPTIONS, its fuse being off.
 */
export const SERVE_NODE_OPTIONS = '--max-semi-space-size=1';

/** Headless: `corcy-power serve` for a Pi without a screen, like the old mcpd + dashboard. */
export function serveUnit(options: ServeUnitOptions): string {
  const args = options.args.length ? ' ' + options.args.join(' ') : '';
  return [
    '[Unit]',
    'Description=CorcyPower headless recorder and web view',
    'After=network-online.target',
    'Wants=network-online.target',
    '',
    '[Service]',
    `User=${options.user}`,
    // systemd applies the user's groups (initgroups), so membership of spi, given
    // at install, opens /dev/spidev*; naming the group here would fail off a Pi.
    `Environment=NODE_OPTIONS=${SERVE_NODE_OPTIONS}`,
    `ExecStart=${options.command} serve${args}`,
    'Restart=always',
    'RestartSec=5',
    // SIGTERM makes serve write its last batch of readings before it exits.
    'KillSignal=SIGTERM',
    'TimeoutStopSec=20',
    'NoNewPrivileges=yes',
    'ProtectSystem=full',
    'PrivateTmp=yes',
    '',
    '[Install]',
    'WantedBy=multi-user.target',
    '',
  ].join('\n');
}

export interface CommandWrapperOptions {
  /** The Electron executable of the package, e.g. /opt/CorcyPower/corcy-power. */
  executable: string;
}

/**
 * /usr/bin/corcy-power in the .deb. Chromium aborts as root unless its sandbox is
 * off (electron_main_delegate.cc); `sudo corcy-power install-kiosk` writes files
 * and runs systemctl, with no window and no display, so that one command as root
 * runs with --no-sandbox and headless. Everything else, the window first, keeps
 * the sandbox (and the app refuses a window without it: sandbox-guard.ts).
 */
export function commandWrapper(options: CommandWrapperOptions): string {
  return [
    '#!/bin/sh',
    '# The corcy-power command (installed by the CorcyPower package; edits are overwritten).',
    'if [ "$1" = install-kiosk ] && [ "$(id -u)" = 0 ]; then',
    `  exec ${options.executable} --no-sandbox --ozone-platform=headless "$@"`,
    'fi',
    `exec ${options.executable} "$@"`,
    '',
  ].join('\n');
}
