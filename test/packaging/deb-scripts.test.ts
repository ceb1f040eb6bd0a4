import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT, readBuilderConfig } from './builder-config';

const config = readBuilderConfig();
// What electron-builder defines for these templates (FpmTarget.js, bashTemplateOptions).
const MACROS = { executable: config.executableName, sanitizedProductName: config.productName, productFilename: config.productName };

/** The same substitution electron-builder applies; an unknown macro fails the build there, and here. */
function render(file: string): string {
  return readFileSync(join(ROOT, file), 'utf8').replace(/\${([a-zA-Z]+)}/g, (_m, name: string) => {
    if (!(name in MACROS)) throw new Error(`Macro ${name} is not defined (${file})`);
    return MACROS[name as keyof typeof MACROS];
  });
}

const me = userInfo();
let stage = '';
afterEach(() => {
  if (stage) rmSync(stage, { recursive: true, force: true });
});

/** A staged system: the package's files under R, and stand-ins for the commands that change the real one. */
function stageInstall(): { R: string; bin: string; log: string } {
  stage = mkdtempSync(join(tmpdir(), 'corcy-deb-'));
  const R = join(stage, 'root');
  const bin = join(stage, 'bin');
  const log = join(stage, 'commands.log');
  cpSync(join(ROOT, config.extraResources[0]!.from), join(R, 'opt', config.productName, 'resources', config.extraResources[0]!.to), { recursive: true });
  mkdirSync(bin);
  const stub = (name: string, body: string) => {
    writeFileSync(join(bin, name), `#!/bin/sh\necho "${name} $*" >> ${log}\n${body}\n`);
    chmodSync(join(bin, name), 0o755);
  };
  stub('systemctl', `[ "$1" = list-units ] && echo "corcy-power-kiosk@${me.username}.service loaded active running CorcyPower"\nexit 0`);
  stub('adduser', 'exit 0');
  stub('update-alternatives', 'exit 1');
  stub(
    'getent',
    `case "$1 $2" in "passwd 1000"|"passwd ${me.username}") echo "${me.username}:x:${me.uid}:${me.gid}::/home/${me.username}:/bin/sh";; "group spi") echo "spi:x:999:";; *) exit 2;; esac`,
  );
  return { R, bin, log };
}

const run = (script: string, s: { R: string; bin: string }, env: Record<string, string>, args: string[] = []) => {
  const file = join(stage, script.split('/').pop()!);
  writeFileSync(file, render(script));
  return spawnSync('bash', [file, ...args], { env: { ...process.env, PATH: `${s.bin}:${process.env.PATH}`, CORCY_POWER_ROOT: s.R, ...env }, encoding: 'utf8' });
};

describe('deb maintainer scripts', () => {
  it('use only the macros electron-builder defines, and are valid bash once rendered', () => {
    for (const f of [config.deb.afterInstall, config.deb.afterRemove]) {
      stage = mkdtempSync(join(tmpdir(), 'corcy-deb-'));
      const file = join(stage, 'script.sh');
      writeFileSync(file, render(f));
      expect(() => execFileSync('bash', ['-n', file])).not.toThrow();
      expect(readFileSync(file, 'utf8')).toContain("EXE='corcy-power'");
      rmSync(stage, { recursive: true, force: true });
    }
  });

  it('postinst in cage mode: command on PATH, launcher, units, spi group, the kiosk enabled for the user', () => {
    const s = stageInstall();
    const r = run(config.deb.afterInstall, s, { CORCY_POWER_USER: me.username, CORCY_POWER_MODE: 'cage' });
    expect(r.status, r.stderr).toBe(0);
    expect(readlinkSync(join(s.R, 'usr/bin/corcy-power'))).toBe('/opt/CorcyPower/resources/kiosk/corcy-power');
    expect(statSync(join(s.R, 'usr/bin/corcy-power-kiosk')).mode & 0o777).toBe(0o755);
    expect(readFileSync(join(s.R, 'lib/systemd/system/corcy-power-kiosk@.service'), 'utf8')).toContain('Restart=always');
    expect(existsSync(join(s.R, 'lib/systemd/system/corcy-power-serve@.service'))).toBe(true);
    const cmds = readFileSync(s.log, 'utf8');
    expect(cmds).toContain(`adduser ${me.username} spi`);
    expect(cmds).toContain(`systemctl enable corcy-power-kiosk@${me.username}.service`);
    expect(cmds).toContain(`systemctl disable corcy-power-serve@${me.username}.service`);
    expect(cmds).toContain('systemctl set-default multi-user.target');
    expect(r.stdout).toContain('cage kiosk on tty1');
  });

  it('postinst defaults to the desktop autostart for the uid-1000 user', () => {
    const s = stageInstall();
    const r = run(config.deb.afterInstall, s, {});
    expect(r.status, r.stderr).toBe(0);
    const autostart = join(s.R, 'home', me.username, '.config/autostart/corcy-power.desktop');
    expect(readFileSync(autostart, 'utf8')).toContain('Exec=/usr/bin/corcy-power-kiosk');
    expect(readFileSync(s.log, 'utf8')).not.toMatch(/systemctl enable/);
  });

  it('postinst with mode none sets nothing up and says how to do it later', () => {
    const s = stageInstall();
    const r = run(config.deb.afterInstall, s, { CORCY_POWER_MODE: 'none' });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('sudo corcy-power install-kiosk');
    expect(existsSync(join(s.R, 'usr/bin/corcy-power-kiosk'))).toBe(true);
    expect(readFileSync(s.log, 'utf8')).not.toContain('adduser');
  });

  it('postrm on remove stops the units and removes the boot files, but keeps them on upgrade', () => {
    const s = stageInstall();
    run(config.deb.afterInstall, s, { CORCY_POWER_USER: me.username, CORCY_POWER_MODE: 'cage' });
    expect(run(config.deb.afterRemove, s, {}, ['upgrade']).status).toBe(0);
    expect(existsSync(join(s.R, 'lib/systemd/system/corcy-power-kiosk@.service'))).toBe(true);
    expect(run(config.deb.afterRemove, s, {}, ['remove']).status).toBe(0);
    expect(existsSync(join(s.R, 'lib/systemd/system/corcy-power-kiosk@.service'))).toBe(false);
    expect(existsSync(join(s.R, 'usr/bin/corcy-power-kiosk'))).toBe(false);
    expect(existsSync(join(s.R, 'usr/bin/corcy-power'))).toBe(false);
    expect(readFileSync(s.log, 'utf8')).toContain(`systemctl disable --now corcy-power-kiosk@${me.username}.service`);
  });
});
