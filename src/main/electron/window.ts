import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BrowserWindow } from 'electron';

export interface KioskWindowOptions {
  /** out/main: the preload and the renderer are built beside it. */
  buildDir: string;
  kiosk: boolean;
  devTools: boolean;
}

export const pageUrl = (buildDir: string): string => pathToFileURL(join(buildDir, '..', 'renderer', 'index.html')).href;

export function createKioskWindow(options: KioskWindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    width: 1024,
    height: 600,
    kiosk: options.kiosk,
    fullscreen: options.kiosk,
    autoHideMenuBar: true,
    backgroundColor: '#0b0f14',
    show: false,
    webPreferences: {
      // The preload is reviewed and required: sandboxed, it exposes one named
      // function per operation through contextBridge, invoke only, never
      // ipcRenderer or a channel name (electronegativity asks for that review).
      preload: join(options.buildDir, '..', 'preload', 'index.js'), // eng-disable PRELOAD_JS_CHECK
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      devTools: options.devTools,
      navigateOnDragDrop: false,
      // A middle click (auxclick) could open a link in a new window; none are allowed.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  win.removeMenu();
  win.once('ready-to-show', () => win.show());
  // A wall screen: pinch-zooming the whole page would strand the household.
  win.webContents.on('did-finish-load', () => void win.webContents.setVisualZoomLevelLimits(1, 1));
  void win.loadURL(pageUrl(options.buildDir));
  return win;
}
