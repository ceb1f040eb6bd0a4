import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { COMMANDS } from '../../../src/main/cli/commands';
import { runCli } from '../../../src/main/cli/run-cli';

let stage = '';
afterEach(() => {
  vi.restoreAllMocks();
  if (stage) rmSync(stage, { recursive: true, force: true });
});

const me = userInfo();
async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((l: string) => void out.push(l));
  const code = await runCli(['install-kiosk', ...args], COMMANDS, (l: string) => void err.push(l));
  vi.restoreAllMocks();
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('corcy-power install-kiosk', () => {
  it('--dry-run lists the files and commands and writes nothing', async () => {
    const r = await cli(['--user', me.username, '--mode', 'cage', '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('write  /etc/systemd/system/corcy-power-kiosk@.service');
    expect(r.out).toContain(`run    systemctl enable corcy-power-kiosk@${me.username}.service`);
    expect(r.out).toMatch(/spi: .*\/dev\/spidev0\.0/);
    expect(existsSync('/etc/systemd/system/corcy-power-kiosk@.service')).toBe(false);
  });

  it('--root stages the desktop mode files for the user, executable launcher included', async () => {
    stage = mkdtempSync(join(tmpdir(), 'corcy-stage-'));
    const r = await cli(['--user', me.username, '--mode', 'desktop', '--root', stage]);
    expect(r.code).toBe(0);
    const autostart = join(stage, me.homedir, '.config/autostart/corcy-power.desktop');
    expect(readFileSync(autostart, 'utf8')).toContain('Exec=/usr/local/bin/corcy-power-kiosk');
    const launcher = join(stage, 'usr/local/bin/corcy-power-kiosk');
    expect(statSync(launcher).mode & 0o777).toBe(0o755);
    // From a checkout the launcher runs the checkout's Electron on the checkout.
    expect(readFileSync(launcher, 'utf8')).toMatch(/node_modules\/\.bin\/electron .*--ozone-platform-hint=auto/);
    expect(readFileSync(join(stage, 'etc/systemd/system/corcy-power-serve@.service'), 'utf8')).toMatch(/ExecStart=.*bin\/corcy-power\.js serve/);
    expect(r.out).toContain('run    systemctl daemon-reload');
  });

  it('switching to cage removes the desktop autostart', async () => {
    stage = mkdtempSync(join(tmpdir(), 'corcy-stage-'));
    await cli(['--user', me.username, '--mode', 'desktop', '--root', stage]);
    await cli(['--user', me.username, '--mode', 'cage', '--root', stage]);
    expect(existsSync(join(stage, me.homedir, '.config/autostart/corcy-power.desktop'))).toBe(false);
  });

  it('rejects an unknown mode and an unknown user with one line and exit 2', async () => {
    expect(await cli(['--user', me.username, '--mode', 'tv', '--dry-run'])).toMatchObject({ code: 2, err: expect.stringContaining('--mode must be desktop, cage, headless') });
    expect(await cli(['--user', 'no-such-user-corcy', '--dry-run'])).toMatchObject({ code: 2, err: expect.stringContaining('no such user') });
  });
});
