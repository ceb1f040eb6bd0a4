import { COMMANDS } from './commands';
import { runCli } from './run-cli';

void runCli(process.argv.slice(2), COMMANDS).then((code) => {
  process.exitCode = code;
});
