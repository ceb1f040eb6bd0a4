import type { ParseArgsConfig } from 'node:util';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

/** Flags every command takes. */
export const COMMON_OPTIONS = {
  db: { type: 'string' },
  config: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies OptionSpec;

interface CommandContext {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
  /** Paths after flags and defaults are resolved. */
  configPath: string;
  dbPath: string | undefined;
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  options: OptionSpec;
  /** Resolves to the exit code; long-running commands resolve when they stop. */
  // A command with nothing to wait for returns its exit code at once.
  run: (ctx: CommandContext) => number | Promise<number>;
}

/** A bad argument: printed as one line, exit code 2. */
export class UsageError extends Error {}
