import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../src/main/cli/commands';
import { runCli } from '../../../src/main/cli/run-cli';
import { CLI, assertBuilt } from '../../helpers/serve';
import { useTempDir } from '../../helpers/temp-dir';

const tmp = useTempDir();

async function run(argv: string[]): Promise<{ code: number; err: string[] }> {
  const err: string[] = [];
  const code = await runCli(argv, COMMANDS, (line: string) => err.push(line));
  return { code, err };
}

describe('runCli()', () => {
  it('refuses an unknown command with one line and exit code 2', async () => {
    const r = await run(['frobnicate']);
    expect(r).toEqual({ code: 2, err: ['corcy-power: unknown command "frobnicate" (try corcy-power --help)'] });
  });

  it('refuses an unknown flag', async () => {
    const r = await run(['serve', '--colour', 'red']);
    expect(r.code).toBe(2);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toMatch(/serve: .*--colour/);
  });

  it.each([
    ['--port', 'eighty'],
    ['--port', '70000'],
    ['--source', 'magic'],
  ])('refuses serve %s %s', async (flag, value) => {
    const r = await run(['serve', flag, value, '--config', join(tmp(), 'none.json'), '--db', join(tmp(), 'x.db')]);
    expect(r.code).toBe(2);
    expect(r.err[0]).toContain(flag);
  });

  it('stops a one-shot command naming the config file and field when the config is wrong (serve runs on the defaults instead)', async () => {
    const file = join(tmp(), 'config.json');
    writeFileSync(file, '{"server": {"port": "http"}}');
    const r = await run(['simulate', '--from', '2026-01-01', '--to', '2026-01-01', '--config', file, '--db', join(tmp(), 'power.db')]);
    expect(r.code).toBe(2);
    expect(r.err[0]).toContain(file);
    expect(r.err[0]).toContain('server.port');
  });
});

describe('the corcy-power binary', () => {
  it('prints help for the command list and for each command', () => {
    assertBuilt();
    const main = spawnSync(process.execPath, [CLI, '--help'], { encoding: 'utf8' });
    expect(main.status).toBe(0);
    expect(main.stdout).toMatch(/serve\s+run headless/);
    const serve = spawnSync(process.execPath, [CLI, 'serve', '--help'], { encoding: 'utf8' });
    expect(serve.status).toBe(0);
    expect(serve.stdout).toMatch(/--port/);
  });

  it('exits 2 with a usage line when given no command', () => {
    const r = spawnSync(process.execPath, [CLI], { encoding: 'utf8' });
    expect(r.status).toBe(2);
  });
});
