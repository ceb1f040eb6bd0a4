import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type UnpackedDeb, stubElectronDist, unpackDeb, wrongMachineModules } from './deb-inspect';
import { holding } from '../helpers/matchers';
import { readJson } from '../helpers/typed-json';

// The packaging check: `npm run dist` (scripts/dist.mjs) builds both debs of the
// real app, offline, on a stand-in Electron (electronDist); then each is read back
// with dpkg-deb and judged as a Pi (or a mini-PC) would meet it.

const ROOT = join(__dirname, '..', '..');
const require = createRequire(import.meta.url);
const asar = require('@electron/asar') as { listPackage: (archive: string, o: object) => string[] };
const { getCurrentFuseWire } = require('@electron/fuses') as { getCurrentFuseWire: (file: string) => Promise<Record<string, unknown>> };
const APP = 'opt/CorcyPower';
const ARCHES = ['amd64', 'arm64'] as const;

const NODE_SPI = join(ROOT, 'node_modules/spi-device/build/Release/spi.node');

let work = '';
let electronDist = '';
const debs: Partial<Record<(typeof ARCHES)[number], UnpackedDeb>> = {};

/**
 * `npm run dist` for the given machines, spi-device builds taken from nativeDir
 * (what `npm run electron-native` fills on a Pi); the debs land in release.
 */
function dist(arches: string[], nativeDir: string, release: string): void {
  // gz rather than xz: the same package, built in half the time on a shared machine.
  const r = spawnSync(
    process.execPath,
    [join(ROOT, 'scripts/dist.mjs'), ...arches.map((a) => `--${a}`), `-c.electronDist=${electronDist}`, `-c.directories.output=${release}`, '-c.deb.compression=gz'],
    { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CI: 'true', CORCY_NATIVE_DIR: nativeDir } },
  );
  if (r.status !== 0) throw new Error(`npm run dist failed:\n${r.stdout}\n${r.stderr}`);
}

/** A native/ folder holding spi.node for the given machines: the x86-64 build in node_modules. */
function nativeDir(name: string, arches: string[]): string {
  const dir = join(work, name);
  for (const a of arches) {
    mkdirSync(join(dir, `electron-linux-${a}`), { recursive: true });
    cpSync(NODE_SPI, join(dir, `electron-linux-${a}`, 'spi.node'));
  }
  return dir;
}

beforeAll(() => {
  if (!existsSync(join(ROOT, 'out/main/index.js'))) execFileSync(process.execPath, [join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: ROOT });
  work = mkdtempSync(join(tmpdir(), 'corcy-debs-'));
  electronDist = stubElectronDist(join(work, 'electron'));
  // As from a PC: spi-device built for its own machine (x64) only; the x86-64 Node
  // build stands in for the Electron one, which cannot be made here.
  dist(['x64', 'arm64'], nativeDir('native', ['x64']), join(work, 'release'));
  for (const arch of ARCHES) debs[arch] = unpackDeb(join(work, 'release', `corcy-power_0.1.0_${arch}.deb`), join(work, arch));
}, 300_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe.each(ARCHES)('the %s deb', (arch) => {
  const deb = (): UnpackedDeb => debs[arch]!;
  const asarFiles = (): string[] => asar.listPackage(join(deb().root, APP, 'resources/app.asar'), { isPack: false });

  it('is built for its machine and says so in its control file', () => {
    expect(deb().field('Architecture')).toBe(arch);
    expect(deb().field('Package')).toBe('corcy-power');
  });

  it('holds the build output and production modules in the asar, and nothing of src, test or bench', () => {
    const files = asarFiles();
    for (const f of ['/out/main/index.js', '/out/preload/index.js', '/out/renderer/index.html', '/package.json']) expect(files).toContain(f);
    for (const m of ['better-sqlite3', 'zod', 'bson', 'mongodb']) expect(files).toContain(`/node_modules/${m}/package.json`);
    expect(files.filter((f) => /^\/(src|test|bench|scripts|docs|build|native|\.ci)\//.test(f))).toEqual([]);
    expect(files.filter((f) => f.endsWith('.map') || (f.endsWith('.ts') && !f.endsWith('.d.ts') && f.startsWith('/out/')))).toEqual([]);
    const dev = Object.keys(readJson<{ devDependencies: Record<string, string> }>(join(ROOT, 'package.json')).devDependencies);
    expect(dev.filter((d) => files.includes(`/node_modules/${d}/package.json`))).toEqual([]);
  });

  it("has only native modules of its own machine, and better-sqlite3's prebuilt binary for it alone", () => {
    expect(wrongMachineModules(deb().root, arch)).toEqual([]);
    const prebuilds = join(deb().root, APP, 'resources/app.asar.unpacked/node_modules/better-sqlite3/prebuilds');
    expect(readdirSync(prebuilds)).toEqual([`linux-${arch === 'amd64' ? 'x64' : 'arm64'}.node`]);
    // No spi-device build for Node's ABI: Electron could not load it.
    expect(existsSync(join(deb().root, APP, 'resources/app.asar.unpacked/node_modules/spi-device/build'))).toBe(false);
  });

  it('carries the spi-device built for its machine, or none (the kernel driver then reads the ADC)', () => {
    expect(existsSync(join(deb().root, APP, 'resources/native/spi.node'))).toBe(arch === 'amd64');
  });

  it("depends on electron-builder's default packages and on ours", () => {
    const depends = deb().field('Depends').split(/,\s*/);
    const firstChoices = depends.map((d) => d.split('|')[0]!.trim());
    // Its own list, as the deb target computes it (FpmTarget.getDefaultDepends), not a copy of it.
    const { default: FpmTarget } = require('app-builder-lib/out/targets/FpmTarget') as { default: { prototype: { getDefaultDepends: (this: null, target: string) => string[] } } };
    for (const d of FpmTarget.prototype.getDefaultDepends.call(null, 'deb')) expect(firstChoices).toContain(d);
    expect(firstChoices).toEqual(holding(['libgbm1', 'libasound2']));
    expect(deb().field('Recommends')).toContain('cage');
  });

  it('has maintainer scripts that pass sh -n and ShellCheck', () => {
    for (const script of ['postinst', 'postrm']) {
      const file = join(deb().control, script);
      expect(readFileSync(file, 'utf8')).toMatch(/^#!\/bin\/sh\n/);
      expect(() => execFileSync('sh', ['-n', file]), script).not.toThrow();
      const sc = spawnSync('shellcheck', ['--shell=sh', file], { encoding: 'utf8' });
      expect(sc.error, 'shellcheck is missing: apt-get install shellcheck').toBeUndefined();
      expect(sc.stdout + sc.stderr, script).toBe('');
      expect(sc.status).toBe(0);
    }
  });

  it('ships systemd units that systemd-analyze verify passes, once installed where the postinst puts them', () => {
    const R = join(work, `${arch}-system`);
    const units = join(R, 'lib/systemd/system');
    mkdirSync(join(R, 'usr/bin'), { recursive: true });
    // The host's own units (sysinit.target...) that ours are ordered against.
    cpSync('/lib/systemd/system', units, { recursive: true, verbatimSymlinks: true });
    cpSync(join(deb().root, 'opt'), join(R, 'opt'), { recursive: true, verbatimSymlinks: true });
    const kiosk = join(R, APP, 'resources/kiosk');
    const templates = readdirSync(kiosk).filter((f) => f.endsWith('@.service'));
    expect(templates.sort()).toEqual(['corcy-power-kiosk@.service', 'corcy-power-serve@.service']);
    for (const t of templates) cpSync(join(kiosk, t), join(units, t));
    symlinkSync(`/${APP}/resources/kiosk/corcy-power`, join(R, 'usr/bin/corcy-power'));
    cpSync(join(kiosk, 'corcy-power-kiosk'), join(R, 'usr/bin/corcy-power-kiosk'));
    // cage is a Recommends, not part of the package: an executable in its place
    // lets verify check everything else the unit says.
    writeFileSync(join(R, 'usr/bin/cage'), '#!/bin/sh\n', { mode: 0o755 });
    const instances = templates.map((t) => t.replace('@.service', '@pi.service'));
    const v = spawnSync('systemd-analyze', ['verify', `--root=${R}`, ...instances], { encoding: 'utf8' });
    expect(v.error, 'systemd-analyze is missing: apt-get install systemd').toBeUndefined();
    expect(v.stdout + v.stderr).toBe('');
    expect(v.status).toBe(0);
  });

  it('has the fuses set in the executable it ships', async () => {
    // 0 = off, 1 = on (ASCII): run-as-node, cookie encryption, NODE_OPTIONS, inspect off; only the asar, file:// privileges on.
    const wire = await getCurrentFuseWire(join(deb().root, APP, 'corcy-power'));
    const states = Array.from({ length: 8 }, (_, i) => String.fromCharCode(wire[i] as number)).join('');
    expect(states).toBe('00000101');
  });
});

describe('the native module check', () => {
  it('fails an arm64 package built with an x86-64 spi-device in native/', () => {
    const release = join(work, 'release-wrong');
    dist(['arm64'], nativeDir('native-wrong', ['arm64']), release);
    const deb = unpackDeb(join(release, 'corcy-power_0.1.0_arm64.deb'), join(work, 'arm64-wrong'));
    expect(wrongMachineModules(deb.root, 'arm64')).toEqual([`${APP}/resources/native/spi.node: x86-64, not aarch64`]);
  }, 180_000);
});
