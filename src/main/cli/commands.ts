import type { Command } from './command';
import { serveCommand } from './serve-command';
import { simulateCommand } from './simulate-command';

/** Every `corcy-power` command; a new one is a module and a line here. */
export const COMMANDS: readonly Command[] = [serveCommand, simulateCommand];
