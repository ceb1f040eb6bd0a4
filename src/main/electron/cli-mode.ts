import { app } from 'electron';
import { COMMANDS } from '../cli/commands';
import { runCli } from '../cli/run-cli';

/**
 * `corcy-power serve` (and the other commands) from the packaged app: the CLI
 * runs in Electron's main process, no window, no GPU. install-kiosk learns the
 * stable path of the executable so the files it writes survive upgrades.
 */
export function runCliInElectron(args: readonly string[]): void {
  app.disableHardwareAcceleration();
  if (app.isPackaged) process.env.CORCY_POWER_EXECUTABLE ??= '/usr/bin/corcy-power';
  void app
    .whenReady()
    .then(() => runCli(args, COMMANDS))
    .then(
      (code) => app.exit(code),
      (err: unknown) => {
        console.error(`corcy-power: ${(err as Error).message}`);
        app.exit(1);
      },
    );
}
