import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BROWSER_FLAGS, BROWSER_URL, browserLauncherScript } from '../../../src/main/kiosk/browser-files';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/**
 * A PATH holding only what the launcher may use: the real mkdir, sed and sleep,
 * a curl that is refused (as by a port nobody listens on yet) `refusals` times,
 * and a browser under `browserName` that logs its arguments, exits with 0, then
 * 1, and on its third run stops the launcher (kill of its parent, $PPID).
 */
function rig(browserName: string | null, refusals: number): { dir: string; run: () => ReturnType<typeof spawnSync>; runs: () => string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'corcy-browser-'));
  dirs.push(dir);
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  for (const tool of ['mkdir', 'sed', 'sleep']) symlinkSync(execFileSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).trim(), join(bin, tool));
  const log = join(dir, 'runs');
  // curl exits 7 when the connection is refused (CURLE_COULDNT_CONNECT).
  writeFileSync(join(bin, 'curl'), `#!/bin/sh\necho x >> ${dir}/curls\n[ "$(cat ${dir}/curls | wc -l)" -gt ${refusals} ] || exit 7\n`, { mode: 0o755 });
  if (browserName) {
    writeFileSync(join(bin, browserName), `#!/bin/sh\necho "$*" >> ${log}\nn=$(cat ${log} | wc -l)\n[ "$n" -ge 3 ] && kill $PPID\n[ "$n" -eq 1 ] && exit 0\nexit 1\n`, {
      mode: 0o755,
    });
  }
  // cat and wc for the stand-ins themselves.
  for (const tool of ['cat', 'wc']) symlinkSync(execFileSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).trim(), join(bin, tool));
  const script = join(dir, 'corcy-power-browser');
  writeFileSync(script, browserLauncherScript());
  const env = { PATH: bin, HOME: dir, XDG_CONFIG_HOME: join(dir, 'config'), CORCY_POWER_RESTART_DELAY: '0' };
  return {
    dir,
    run: () => spawnSync('/bin/sh', [script, '--ozone-platform=wayland'], { env, encoding: 'utf8', timeout: 20_000 }),
    runs: () => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : []),
  };
}

describe('BROWSER_FLAGS', () => {
  it('are the flags docs/pi-setup.md lists, so that what is documented is what runs', () => {
    const docs = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'pi-setup.md'), 'utf8').replace(/\s+/g, ' ');
    for (const flag of BROWSER_FLAGS) expect(docs, flag).toMatch(new RegExp(`${flag.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[ \`]`));
  });
});

describe('browserLauncherScript()', () => {
  it('is valid sh that ShellCheck passes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'corcy-browser-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'launcher'), browserLauncherScript());
    expect(() => execFileSync('sh', ['-n', join(dir, 'launcher')])).not.toThrow();
    const sc = spawnSync('shellcheck', ['--shell=sh', join(dir, 'launcher')], { encoding: 'utf8' });
    expect(sc.error, 'shellcheck is missing: apt-get install shellcheck').toBeUndefined();
    expect(sc.stdout + sc.stderr).toBe('');
  });

  it('waits for serve to answer, then runs chromium full screen on it, and restarts it whenever it exits', () => {
    const r = rig('chromium', 2);
    const res = r.run();
    const profile = join(r.dir, 'config', 'corcy-power', 'chromium');
    const expected = `--user-data-dir=${profile} ${BROWSER_FLAGS.join(' ')} --ozone-platform=wayland ${BROWSER_URL}`;
    expect(r.runs()).toEqual([expected, expected, expected]);
    expect(readFileSync(join(r.dir, 'curls'), 'utf8').split('\n').filter(Boolean)).toHaveLength(3);
    expect(String(res.stderr).match(/waiting for corcy-power serve/g)).toHaveLength(1);
    expect(res.stderr).toContain('chromium exited with status 0, restarting');
    expect(res.stderr).toContain('chromium exited with status 1, restarting');
  });

  it('uses chromium-browser where the release still calls it that', () => {
    const r = rig('chromium-browser', 0);
    r.run();
    expect(r.runs()).toHaveLength(3);
  });

  it('marks the profile as cleanly exited before each start, so no restore bubble covers the kiosk', () => {
    const r = rig('chromium', 0);
    const prefs = join(r.dir, 'config', 'corcy-power', 'chromium', 'Default', 'Preferences');
    mkdirSync(join(prefs, '..'), { recursive: true });
    writeFileSync(prefs, '{"profile":{"exit_type":"Crashed","exited_cleanly":false}}');
    r.run();
    expect(readFileSync(prefs, 'utf8')).toBe('{"profile":{"exit_type":"Normal","exited_cleanly":true}}');
  });

  it('says which package to install when there is no chromium, and stops', () => {
    const r = rig(null, 0);
    const res = r.run();
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('no chromium or chromium-browser: sudo apt install chromium');
  });
});
