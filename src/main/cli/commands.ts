import type { Command } from './command';
import { exportCommand } from './export-command';
import { serveCommand } from './serve-command';

/** Every `corcy-power` command; a new one is a module and a line here. */
export const COMMANDS: readonly Command[] = [serveCommand, exportCommand];
