import { type BrowserWindow, app, dialog, powerSaveBlocker, session } from 'electron';
import { LIVE_CHANNEL } from '../shared/ops';
import { COMMANDS } from './cli/commands';
import { cliCommandIn, userArgs, windowRefusal } from './cli/electron-argv';
import { defaultConfigPath } from './config/paths';
import { type Bootstrap, bootstrap } from './core/bootstrap';
import { PowerCore } from './core/power-core';
import { runCliInElectron } from './electron/cli-mode';
import { applyGpuSetting, logGpuStatus, reloadWhenGone } from './electron/gpu';
import { registerIpc } from './electron/ipc';
import { applyKioskSwitches } from './electron/kiosk-switches';
import { SPI_ADDON_ENV, spiAddonPath } from './electron/native-addons';
import { blockNavigation, hardenSession } from './electron/security';
import { createKioskWindow, pageUrl } from './electron/window';

// The Electron shell: composes the core with a window and the IPC door. Everything
// it calls is tested under Node; this file is what only a real Pi runs.

const args = userArgs(process.argv, app.isPackaged);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

if (
  cliCommandIn(
    args,
    COMMANDS.map((c) => c.name),
  ) !== null
) {
  // `corcy-power serve`, `corcy-power install-kiosk`...: no window, no instance lock.
  runCliInElectron(args);
} else if (windowRefusal(process.argv) !== null) {
  console.error(windowRefusal(process.argv));
  app.exit(1);
} else if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  applyKioskSwitches();
  const configPath = flag('--config') ?? defaultConfigPath();
  // Run on the defaults when the file does not validate, as serve does: shown, and the file left untouched.
  const started = bootstrap(configPath, flag('--db'));
  // Before ready: the GPU can only be turned off before Chromium starts it.
  applyGpuSetting(started.config.display.gpu);
  process.env[SPI_ADDON_ENV] ??= spiAddonPath({
    packaged: app.isPackaged,
    resourcesPath: process.resourcesPath,
    appPath: app.getAppPath(),
    arch: process.arch,
  });
  void start(started, configPath);
}

async function start({ config, problem: configProblem, dbPath }: Bootstrap, configPath: string): Promise<void> {
  await app.whenReady();
  logGpuStatus();
  const buildDir = __dirname;
  const url = pageUrl(buildDir);
  hardenSession(session.defaultSession);
  blockNavigation((u) => u.split('#')[0] === url);

  let core: PowerCore;
  try {
    core = new PowerCore({ config, dbPath, configPath, extraNotice: configProblem });
  } catch (err) {
    dialog.showErrorBox('CorcyPower cannot open its database', `${dbPath}\n\n${(err as Error).message}`);
    app.exit(1);
    return;
  }

  let win: BrowserWindow | null = null;
  registerIpc(core.handlers, () => win, url);
  core.hub.subscribe((event) => {
    if (win && !win.isDestroyed()) win.webContents.send(LIVE_CHANNEL, event);
  });
  core.start();

  const open = (): void => {
    win = createKioskWindow({ buildDir, kiosk: !args.includes('--windowed'), devTools: !app.isPackaged });
    reloadWhenGone(win);
    win.on('closed', () => (win = null));
  };
  open();
  powerSaveBlocker.start('prevent-display-sleep');

  app.on('second-instance', () => {
    if (win) win.focus();
  });
  app.on('window-all-closed', () => app.quit());
  let stopping = false;
  app.on('before-quit', (e) => {
    if (stopping) return;
    stopping = true;
    e.preventDefault();
    void core.stop().finally(() => app.exit(0));
  });
}
