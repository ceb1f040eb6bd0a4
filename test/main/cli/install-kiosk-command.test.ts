import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { COMMANDS } from '../../../src/main/cli/commands';
import { runCli } from '../../../src/main/cli/run-cli';
import { containing } from '../../helpers/matchers';

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

  it('--mode browser writes units that systemd-analyze verify passes: serve on loopback, Chromium under cage', async () => {
    stage = mkdtempSync(join(tmpdir(), 'corcy-stage-'));
    const r = await cli(['--user', me.username, '--mode', 'browser', '--root', stage]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`run    systemctl enable corcy-power-serve@${me.username}.service corcy-power-browser@${me.username}.service`);
    // The host's own units (sysinit.target...) that ours are ordered against.
    cpSync('/lib/systemd/system', join(stage, 'lib/systemd/system'), { recursive: true, verbatimSymlinks: true });
    // verify checks that each ExecStart exists under the root: cage (a package of its
    // own) and the node that ran install-kiosk stand in as empty executables there.
    for (const exe of ['/usr/bin/cage', process.execPath]) {
      mkdirSync(join(stage, dirname(exe)), { recursive: true });
      writeFileSync(join(stage, exe), '#!/bin/sh\n', { mode: 0o755 });
    }
    const serve = readFileSync(join(stage, 'etc/systemd/system/corcy-power-serve@.service'), 'utf8');
    expect(serve).toMatch(/^ExecStart=.*bin\/corcy-power\.js serve --host 127\.0\.0\.1 --port 8080$/m);
    const instances = ['corcy-power-serve', 'corcy-power-browser'].map((u) => `${u}@${me.username}.service`);
    const v = spawnSync('systemd-analyze', ['verify', `--root=${stage}`, ...instances], { encoding: 'utf8' });
    expect(v.error, 'systemd-analyze is missing: apt-get install systemd').toBeUndefined();
    expect(v.stdout + v.stderr).toBe('');
    expect(v.status).toBe(0);
  });

  it('--mode browser --screen desktop starts Chromium from the autostart entry', async () => {
    stage = mkdtempSync(join(tmpdir(), 'corcy-stage-'));
    await cli(['--user', me.username, '--mode', 'browser', '--screen', 'desktop', '--root', stage]);
    expect(readFileSync(join(stage, me.homedir, '.config/autostart/corcy-power.desktop'), 'utf8')).toContain('Exec=/usr/local/bin/corcy-power-browser');
    expect(statSync(join(stage, 'usr/local/bin/corcy-power-browser')).mode & 0o777).toBe(0o755);
  });

  it('refuses --screen without --mode browser, and a screen it does not know', async () => {
    expect(await cli(['--user', me.username, '--mode', 'cage', '--screen', 'desktop', '--dry-run'])).toMatchObject({
      code: 2,
      err: containing('--screen goes with --mode browser only'),
    });
    expect(await cli(['--user', me.username, '--mode', 'browser', '--screen', 'tv', '--dry-run'])).toMatchObject({ code: 2, err: containing('--screen must be cage or desktop') });
  });

  it('rejects an unknown mode and an unknown user with one line and exit 2', async () => {
    expect(await cli(['--user', me.username, '--mode', 'tv', '--dry-run'])).toMatchObject({ code: 2, err: containing('--mode must be desktop, cage, headless') });
    expect(await cli(['--user', 'no-such-user-corcy', '--dry-run'])).toMatchObject({ code: 2, err: containing('no such user') });
  });
});
