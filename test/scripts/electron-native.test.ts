import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../helpers/temp-dir';
import { elfMachine } from '../packaging/deb-inspect';

// spi-device built apart from node_modules (npm run electron-native). Electron's
// headers cannot be fetched here, so the build is checked with Node's own headers
// (the official tarball's include/node), which exercise the same node-gyp path.

const ROOT = join(__dirname, '..', '..');
const script = join(ROOT, 'scripts/electron-native.mjs');
const nodeHeaders = dirname(dirname(process.execPath));
const haveHeaders = existsSync(join(nodeHeaders, 'include/node/node.h'));
const temp = useTempDir();
const nodeModuleBuild = join(ROOT, 'node_modules/spi-device/build/Release/spi.node');

describe('npm run electron-native', () => {
  it.skipIf(!haveHeaders)(
    'builds spi-device into its own folder and leaves the Node build in node_modules alone',
    () => {
      const out = join(temp(), 'electron-linux-x64');
      const before = readFileSync(nodeModuleBuild);
      const r = spawnSync(process.execPath, [script, '--out', out], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CORCY_ELECTRON_HEADERS: nodeHeaders } });
      expect(r.status, r.stderr).toBe(0);
      expect(elfMachine(join(out, 'spi.node'))).toBe(process.arch === 'arm64' ? 'aarch64' : 'x86-64');
      expect(readFileSync(join(out, 'electron-version'), 'utf8').trim()).toBe((createRequire(import.meta.url)('electron/package.json') as { version: string }).version);
      expect(readFileSync(nodeModuleBuild).equals(before)).toBe(true);
      // Built against these headers, it loads here: a real addon, not a copy.
      expect(typeof (createRequire(import.meta.url)(join(out, 'spi.node')) as { open?: unknown }).open).toBe('function');
      const again = spawnSync(process.execPath, [script, '--out', out, '--if-missing'], { cwd: ROOT, encoding: 'utf8' });
      expect(again.stdout).toContain('already built');
    },
    180_000,
  );

  it('writes nothing and says what the kiosk falls back to when the headers cannot be had', () => {
    const out = join(temp(), 'electron-linux-x64');
    const r = spawnSync(process.execPath, [script, '--out', out], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CORCY_ELECTRON_HEADERS: join(out, 'no-headers') } });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/could not be built for Electron[\s\S]*kernel's mcp3008 driver[\s\S]*status line says which/);
    expect(existsSync(join(out, 'spi.node'))).toBe(false);
  }, 60_000);
});
