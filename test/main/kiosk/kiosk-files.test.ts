import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { autostartEntry, cageUnit, commandWrapper, launcherScript, serveUnit } from '../../../src/main/kiosk/kiosk-files';

/** Parses a systemd unit or desktop file into section -> key -> values. */
function ini(text: string): Record<string, Record<string, string[]>> {
  const out: Record<string, Record<string, string[]>> = {};
  let section = '';
  for (const line of text.split('\n')) {
    const h = /^\[(.+)\]$/.exec(line);
    if (h) out[(section = h[1]!)] = {};
    else if (line.includes('=') && !line.startsWith('#')) {
      const i = line.indexOf('=');
      (out[section]![line.slice(0, i)] ??= []).push(line.slice(i + 1));
    }
  }
  return out;
}

describe('cageUnit()', () => {
  it('runs cage on the chosen tty as the user, restarts always, and frees the tty from getty', () => {
    const u = ini(cageUnit({ user: 'pi', launcher: '/usr/bin/corcy-power-kiosk', tty: 1 }));
    expect(u.Service!.User).toEqual(['pi']);
    expect(u.Service!.ExecStart).toEqual(['/usr/bin/cage -d -- /usr/bin/corcy-power-kiosk --ozone-platform=wayland']);
    expect(u.Service!.Restart).toEqual(['always']);
    expect(u.Service!.TTYPath).toEqual(['/dev/tty1']);
    expect(u.Service!.PAMName).toEqual(['login']);
    expect(u.Unit!.Conflicts).toEqual(['getty@tty1.service']);
    expect(ini(cageUnit({ user: '%i', launcher: '/x', tty: 7 })).Service!.TTYPath).toEqual(['/dev/tty7']);
  });

  it('is wanted by multi-user.target, the console boot a cage kiosk uses, and tells Chromium it is on Wayland', () => {
    const u = ini(cageUnit({ user: 'pi', launcher: '/usr/bin/corcy-power-kiosk', tty: 1 }));
    expect(u.Install!.WantedBy).toEqual(['multi-user.target']);
    expect(u.Service!.Environment).toEqual(['XDG_SESSION_TYPE=wayland']);
    expect(u.Service!.ExecStart![0]).toMatch(/ --ozone-platform=wayland$/);
  });
});

describe('commandWrapper()', () => {
  /** Runs the wrapper with `id -u` answering uid, and an executable that prints its arguments. */
  function runAs(uid: number, args: string[]): string {
    const dir = mkdtempSync(join(tmpdir(), 'corcy-wrap-'));
    try {
      writeFileSync(join(dir, 'exe'), '#!/bin/sh\necho "$@"\n', { mode: 0o755 });
      writeFileSync(join(dir, 'id'), `#!/bin/sh\necho ${uid}\n`, { mode: 0o755 });
      writeFileSync(join(dir, 'corcy-power'), commandWrapper({ executable: join(dir, 'exe') }), { mode: 0o755 });
      return execFileSync(join(dir, 'corcy-power'), args, { encoding: 'utf8', env: { ...process.env, PATH: `${dir}:${process.env.PATH}` } }).trim();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  it('runs install-kiosk as root without the sandbox and headless, since Chromium aborts as root otherwise', () => {
    expect(runAs(0, ['install-kiosk', '--mode', 'cage'])).toBe('--no-sandbox --ozone-platform=headless install-kiosk --mode cage');
  });

  it('keeps the sandbox for the window, for other commands, and for install-kiosk as a user', () => {
    expect(runAs(0, [])).toBe('');
    expect(runAs(0, ['--windowed'])).toBe('--windowed');
    expect(runAs(0, ['serve'])).toBe('serve');
    expect(runAs(1000, ['install-kiosk', '--dry-run'])).toBe('install-kiosk --dry-run');
  });
});

describe('serveUnit()', () => {
  it('runs serve headless as the user at boot and restarts it', () => {
    const u = ini(serveUnit({ user: 'pi', command: '/usr/bin/corcy-power --ozone-platform=headless', args: ['--port', '8080'] }));
    expect(u.Service!.ExecStart).toEqual(['/usr/bin/corcy-power --ozone-platform=headless serve --port 8080']);
    expect(u.Service!.User).toEqual(['pi']);
    // A young generation small enough for a 1 GB Pi (see SERVE_NODE_OPTIONS).
    expect(u.Service!.Environment).toEqual(['NODE_OPTIONS=--max-semi-space-size=1']);
    expect(u.Service!.Restart).toEqual(['always']);
    expect(u.Service!.KillSignal).toEqual(['SIGTERM']);
    expect(u.Install!.WantedBy).toEqual(['multi-user.target']);
  });
});

describe('autostartEntry()', () => {
  it('is an XDG autostart application entry that runs the launcher', () => {
    const d = ini(autostartEntry({ launcher: '/usr/bin/corcy-power-kiosk' }))['Desktop Entry']!;
    expect(d.Type).toEqual(['Application']);
    expect(d.Exec).toEqual(['/usr/bin/corcy-power-kiosk']);
    expect(d.Terminal).toEqual(['false']);
  });
});

describe('launcherScript()', () => {
  const dir = mkdtempSync(join(tmpdir(), 'corcy-launcher-'));
  const fakeApp = join(dir, 'fake-electron');
  const log = join(dir, 'runs');
  // A stand-in for Electron: logs its arguments, crashes twice, then quits cleanly.
  writeFileSync(fakeApp, `#!/bin/sh\necho "$*" >> ${log}\nn=$(wc -l < ${log})\n[ "$n" -lt 3 ] && exit 139\nexit 0\n`);
  chmodSync(fakeApp, 0o755);
  const script = join(dir, 'corcy-power-kiosk');
  writeFileSync(script, launcherScript({ electronCommand: fakeApp }));

  it('is valid sh', () => {
    expect(() => execFileSync('sh', ['-n', script])).not.toThrow();
  });

  it('passes the Wayland/X11 hint and its arguments, restarts after a crash, stops after a clean exit', () => {
    const r = spawnSync('sh', [script, '--windowed'], { env: { ...process.env, CORCY_POWER_RESTART_DELAY: '0' }, encoding: 'utf8', timeout: 10_000 });
    const runs = readFileSync(log, 'utf8').trim().split('\n');
    rmSync(dir, { recursive: true, force: true });
    expect(r.status).toBe(0);
    expect(runs).toEqual(new Array(3).fill('--ozone-platform-hint=auto --windowed'));
    expect(r.stderr).toContain('exited with status 139, restarting');
  });
});
