import { app } from 'electron';

/**
 * Chromium switches for a wall touchscreen, set before the app is ready. The
 * launcher (corcy-power-kiosk) passes --ozone-platform-hint too, because the
 * platform is chosen before this code runs on some Electron versions.
 */
export function applyKioskSwitches(): void {
  // Wayland (labwc, wayfire, cage) when there is one, else X11.
  app.commandLine.appendSwitch('ozone-platform-hint', 'auto');
  // No pinch-zoom of the whole page: the household could not zoom back out.
  app.commandLine.appendSwitch('disable-pinch');
}
