import { parseArgs } from 'node:util';
import { ConfigError } from '../config/load-config';
import { TempoFileError } from '../billing/tempo-colours';
import { defaultConfigPath } from '../config/paths';
import { COMMON_OPTIONS, type Command, UsageError } from './command';

function mainHelp(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'usage: corcy-power <command> [options]',
    '',
    'commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'every command takes --db PATH (default $XDG_DATA_HOME/corcy-power/power.db),',
    '--config PATH (default $XDG_CONFIG_HOME/corcy-power/config.json) and --help',
  ].join('\n');
}

const commandHelp = (c: Command): string => `usage: ${c.usage}\n\n${c.summary}`;

/** Parses argv, runs one command, and turns every expected failure into one line and an exit code. */
export async function runCli(argv: readonly string[], commands: readonly Command[], err = console.error): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(mainHelp(commands));
    return name === undefined ? 2 : 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    err(`corcy-power: unknown command "${name}" (try corcy-power --help)`);
    return 2;
  }
  try {
    const { values, positionals } = parseArgs({
      args: [...rest],
      options: { ...COMMON_OPTIONS, ...command.options },
      allowPositionals: true,
      strict: true,
    });
    if (values.help) {
      console.log(commandHelp(command));
      return 0;
    }
    return await command.run({
      values: values,
      positionals,
      configPath: values.config ?? defaultConfigPath(),
      dbPath: values.db,
    });
  } catch (e) {
    if (e instanceof ConfigError || e instanceof UsageError || e instanceof TempoFileError) {
      err(`corcy-power ${name}: ${e.message}`);
      return 2;
    }
    const code = (e as { code?: string }).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
      err(`corcy-power ${name}: ${(e as Error).message.split('\n')[0]}`);
      return 2;
    }
    err(`corcy-power ${name}: ${(e as Error).message}`);
    return 1;
  }
}
