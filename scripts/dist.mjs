#!/usr/bin/env node
// `npm run dist`: the Debian packages, through electron-builder, with fpm replaced
// by scripts/fpm-deb.mjs (Debian's dpkg-deb underneath), so that nothing but
// Electron itself is fetched. Arguments go to electron-builder as they are
// (--arm64, --x64, -c.electronDist=DIR...); test/packaging runs this same script.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const env = { ...process.env, CUSTOM_FPM_PATH: join(root, 'scripts', 'fpm-deb.mjs') };
const r = spawnSync(
  process.execPath,
  [join(root, 'node_modules', 'electron-builder', 'cli.js'), '--linux', 'deb', '--publish', 'never', ...process.argv.slice(2)],
  { cwd: root, stdio: 'inherit', env },
);
process.exit(r.status ?? 1);
