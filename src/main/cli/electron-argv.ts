// The packaged app has no Node: /usr/bin/corcy-power is Electron, and native
// modules are built for it. So `corcy-power serve` runs the CLI inside Electron's
// main process, with no window. These pure helpers decide which way to go.

/** Switches Chromium reads itself; the CLI's strict parser must not see them. */
const CHROMIUM_SWITCH = /^--(ozone-|enable-features|disable-features|no-sandbox|disable-gpu|use-gl|password-store|enable-wayland-ime|in-process-gpu)/;

/**
 * The user's arguments: after the executable when packaged, after the app
 * directory when run as `electron .`, without Chromium's switches.
 */
export function userArgs(argv: readonly string[], packaged: boolean): string[] {
  return argv.slice(packaged ? 1 : 2).filter((a) => !CHROMIUM_SWITCH.test(a));
}

/** The CLI command to run instead of the kiosk window, or null for the kiosk. */
export function cliCommandIn(args: readonly string[], commandNames: readonly string[]): string | null {
  const first = args[0];
  if (first === undefined) return null;
  if (commandNames.includes(first) || first === 'help' || first === '--help' || first === '-h') return first;
  return null;
}

/**
 * Why the kiosk window must not open, or null. --no-sandbox is for
 * `sudo corcy-power install-kiosk` alone (a command, no window): a window without
 * Chromium's sandbox would run the page with far more reach than it needs.
 */
export function windowRefusal(argv: readonly string[]): string | null {
  return argv.includes('--no-sandbox')
    ? 'corcy-power: the kiosk window never runs with --no-sandbox (it is only for `sudo corcy-power install-kiosk`); start it as the kiosk user, without the flag'
    : null;
}
