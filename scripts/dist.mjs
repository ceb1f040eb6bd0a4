#!/usr/bin/env node
// `npm run dist`: the Debian packages, through electron-builder, with fpm replaced
// by scripts/fpm-deb.mjs (Debian's dpkg-deb underneath), so that nothing but
// Electron itself is fetched. Arguments go to electron-builder as they are
// (--arm64, --x64, -c.electronDist=DIR...); test/packaging runs this same script.
import { spawnSync } from 'node:child_process';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const env = {
  ...process.env,
  CUSTOM_FPM_PATH: join(root, 'scripts', 'fpm-deb.mjs'),
  // Where electron-builder.yml takes spi-device built for Electron (npm run electron-native);
  // electron-builder joins it to the project folder, so it is given relative to it.
  CORCY_NATIVE_DIR: relative(root, resolve(process.env.CORCY_NATIVE_DIR ?? join(root, 'native'))) || '.',
};
const r = spawnSync(process.execPath, [join(root, 'node_modules', 'electron-builder', 'cli.js'), '--linux', 'deb', '--publish', 'never', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env,
});
process.exit(r.status ?? 1);
