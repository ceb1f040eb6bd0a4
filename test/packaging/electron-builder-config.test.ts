import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import { packagedTemplates } from '../../src/main/cli/install-kiosk-command';
import { readJson } from '../helpers/typed-json';
import { ROOT, readBuilderConfig } from './builder-config';

const config = readBuilderConfig();
const schema = readJson<object>(join(ROOT, 'node_modules/app-builder-lib/scheme.json'));

/** electron-builder validates with ajv too; without its type coercion, so "true" for true fails here. */
function validate(data: unknown): string[] {
  const ajv = new Ajv({ allErrors: true, strict: false });
  const check = ajv.compile(schema);
  return check(data) ? [] : (check.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
}

beforeAll(() => {
  // "Every path it names exists after a build": build once if this checkout has not.
  if (!existsSync(join(ROOT, 'out/main/index.js'))) execFileSync('npx', ['electron-vite', 'build'], { cwd: ROOT, stdio: 'ignore' });
}, 120_000);

describe('electron-builder.yml', () => {
  it("is valid against electron-builder's own JSON schema", () => {
    expect(validate(config)).toEqual([]);
  });

  it('and that validation catches a misspelt key and a wrong type', () => {
    expect(validate({ ...config, electronFusez: {} }).join()).toMatch(/additionalProperty.*electronFusez/);
    expect(validate({ ...config, electronFuses: { ...config.electronFuses, runAsNode: 'no' } }).join()).toMatch(/electronFuses\/runAsNode must be boolean/);
  });

  it('builds debs for arm64 and x64 only: Electron has no 32-bit ARM build since 44', () => {
    const targets = config.linux.target.map((t) => `${t.target}:${[...t.arch].sort().join('+')}`);
    expect(targets.sort()).toEqual(['deb:arm64+x64']);
    const pkg = readFileSync(join(ROOT, 'package.json'), 'utf8');
    for (const f of [pkg, readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8'), readFileSync(join(ROOT, 'docs/pi-setup.md'), 'utf8')]) {
      expect(f).not.toMatch(/--armv7l|dist:armv7l|arch: \[.*armv7l/);
    }
  });

  it('sets the fuses: no run-as-node, no NODE_OPTIONS, no inspect, only the asar', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
    });
    expect(config.asar).toBe(true);
  });

  it('rebuilds no native module, at packaging or at npm install', () => {
    // better-sqlite3 13 loads its Node-API prebuild in Electron too; spi-device is built apart (npm run electron-native).
    expect(config.npmRebuild).toBe(false);
    const pkg = readJson<{ scripts?: Record<string, string> }>(join(ROOT, 'package.json'));
    for (const hook of ['preinstall', 'install', 'postinstall', 'prepare']) expect(pkg.scripts?.[hook]).toBeUndefined();
    expect(JSON.stringify(pkg.scripts)).not.toMatch(/install-app-deps|electron-rebuild/);
    expect(pkg.scripts?.dist).toMatch(/electron-vite build && node scripts\/dist.mjs/);
  });

  it('packs the build output and leaves sources and tests out', () => {
    expect(config.files).toContain('out/**');
    expect(config.files.some((f) => f.startsWith('!') && f.includes('src') && f.includes('test'))).toBe(true);
    expect(config.asarUnpack).toContain('**/*.node');
  });

  it('names only files that exist after a build', () => {
    const named = [
      config.linux.icon,
      config.deb.afterInstall,
      config.deb.afterRemove,
      // native/electron-linux-${arch} exists only where spi-device was built for Electron.
      ...config.extraResources.map((r) => r.from).filter((f) => !f.includes('CORCY_NATIVE_DIR')),
      'out/main/index.js',
      'out/preload/index.js',
      'out/renderer/index.html',
    ];
    for (const p of named) expect(existsSync(join(ROOT, p)), p).toBe(true);
    expect(readFileSync(join(ROOT, config.linux.icon)).subarray(1, 4).toString()).toBe('PNG');
    expect(config.linux.desktop.entry.Name).toBe('CorcyPower');
  });

  it('ships boot files identical to what the code renders (npm run kiosk-templates)', () => {
    const dir = join(ROOT, config.extraResources[0]!.from);
    const want = packagedTemplates();
    expect(readdirSync(dir).sort()).toEqual(Object.keys(want).sort());
    for (const [name, text] of Object.entries(want)) expect(readFileSync(join(dir, name), 'utf8'), name).toBe(text);
  });
});
