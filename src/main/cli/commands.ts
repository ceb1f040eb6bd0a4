import type { Command } from './command';
import { exportCommand } from './export-command';
import { importCommand } from './import-command';
import { installKioskCommand } from './install-kiosk-command';
import { serveCommand } from './serve-command';
import { simulateCommand } from './simulate-command';
import { tempoCommand } from './tempo-command';

/** Every `corcy-power` command; a new one is a module and a line here. */
export const COMMANDS: readonly Command[] = [serveCommand, simulateCommand, importCommand, exportCommand, tempoCommand, installKioskCommand];
