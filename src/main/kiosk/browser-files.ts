// The browser kiosk (`install-kiosk --mode browser`): `corcy-power serve` on
// loopback, and the system's Chromium full screen on it. For boards Electron no
// longer supports (32-bit Pi OS) or cannot afford (1 GB): one browser engine, the
// one Pi OS already ships.

/** Where serve listens in this mode; loopback only, so the page may change things (settings, export). */
export const BROWSER_HOST = '127.0.0.1';
export const BROWSER_PORT = 8080;
export const BROWSER_URL = `http://${BROWSER_HOST}:${BROWSER_PORT}/`;

/**
 * Chromium flags for a wall screen. The browser tests launch Debian's Chromium
 * with these same flags, so what is tested is what the unit runs.
 */
export const BROWSER_FLAGS = [
  '--kiosk',
  '--noerrdialogs',
  '--disable-infobars',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-session-crashed-bubble',
  // No pinch-zoom of the page, no swipe back to a blank history entry.
  '--disable-pinch',
  '--overscroll-history-navigation=0',
  '--disable-features=Translate,TouchpadOverscrollHistoryNavigation',
  // No keyring prompt on a session with no keyring; no update nagging.
  '--password-store=basic',
  '--check-for-update-interval=31536000',
  '--ozone-platform-hint=auto',
] as const;

const RESTART_DELAY_S = 3;

/**
 * `corcy-power-browser`: what cage and the desktop autostart run. It waits for
 * serve to answer first (Chromium's error page would otherwise stay up for good),
 * and restarts Chromium whenever it exits, for whatever reason.
 */
export function browserLauncherScript(): string {
  return [
    '#!/bin/sh',
    '# Shows CorcyPower in Chromium, full screen (written by corcy-power install-kiosk; edits are overwritten).',
    '# The page keeps the screen awake (Wake Lock); blanking of the session is set as docs/pi-setup.md says.',
    `url=${BROWSER_URL}`,
    `delay=${RESTART_DELAY_S}`,
    '[ -n "$CORCY_POWER_RESTART_DELAY" ] && delay=$CORCY_POWER_RESTART_DELAY',
    '# chromium on Bookworm and later, chromium-browser on Bullseye and earlier.',
    'browser=$(command -v chromium || command -v chromium-browser) || {',
    '  echo "corcy-power-browser: no chromium or chromium-browser: sudo apt install chromium" >&2',
    '  exit 1',
    '}',
    'command -v curl >/dev/null || { echo "corcy-power-browser: curl is missing: sudo apt install curl" >&2; exit 1; }',
    'profile="${XDG_CONFIG_HOME:-$HOME/.config}/corcy-power/chromium"',
    'mkdir -p "$profile/Default"',
    'said=',
    'until curl -s -o /dev/null "$url"; do',
    '  [ -z "$said" ] && echo "corcy-power-browser: waiting for corcy-power serve at $url" >&2 && said=1',
    '  sleep 1',
    'done',
    'while :; do',
    '  # After a crash Chromium would offer to restore the page, over the kiosk.',
    '  prefs="$profile/Default/Preferences"',
    `  [ -f "$prefs" ] && sed -i 's/"exited_cleanly":false/"exited_cleanly":true/; s/"exit_type":"[^"]*"/"exit_type":"Normal"/' "$prefs"`,
    `  "$browser" --user-data-dir="$profile" ${BROWSER_FLAGS.join(' ')} "$@" "$url"`,
    '  echo "corcy-power-browser: chromium exited with status $?, restarting in $delay s" >&2',
    '  sleep "$delay"',
    'done',
    '',
  ].join('\n');
}
