#!/usr/bin/env node
// `npm start`: build, make sure Electron's binary is there, open the kiosk window.
// npm ci does not run Electron's download script (allowScripts), so the binary is
// fetched here, on first start. Where it cannot be fetched (no internet), the same
// app runs headless and says where to point a browser.
// Native modules: better-sqlite3 13 is one Node-API binary for Node and Electron.
// spi-device is built for Electron apart, into native/ (scripts/electron-native.mjs),
// so node_modules keeps the Node build the tests use; where that build cannot be
// made, the window reads the kernel's mcp3008 driver or simulates, and says so.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const args = process.argv.slice(2);

function run(cmd, cmdArgs) {
  const r = spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit' });
  return r.status ?? 1;
}

function electronBinary() {
  const dir = dirname(require.resolve('electron/package.json'));
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return { dir, binary: null };
  const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return { dir, binary: existsSync(binary) ? binary : null };
}

if (run(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build']) !== 0) {
  console.error('corcy-power: the build failed (see above)');
  process.exit(1);
}

let { dir, binary } = electronBinary();
if (!binary) {
  console.log("corcy-power: Electron's binary is not installed yet: downloading it (once)...");
  // Its own error is a long stack trace; the first line of it says why, the rest is noise here.
  const download = spawnSync(process.execPath, [join(dir, 'install.js')], { cwd: root, stdio: ['inherit', 'inherit', 'pipe'], encoding: 'utf8' });
  ({ binary } = electronBinary());
  if (!binary) console.error(`corcy-power: ${(download.stderr ?? '').trim().split('\n')[0] || `the download exited with ${download.status}`}`);
}

if (!binary) {
  console.error(
    [
      '',
      "corcy-power: Electron's binary could not be downloaded (no access to its release host from this machine?).",
      'Starting the same app headless instead: open the address below in a browser.',
      'For the kiosk window: run `npm start` on a machine with internet access, or install the packaged app (docs/pi-setup.md).',
      '',
    ].join('\n'),
  );
  const child = spawn(process.execPath, [join(root, 'bin', 'corcy-power.js'), 'serve', ...args], { cwd: root, stdio: 'inherit' });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  if (run(process.execPath, [join(root, 'scripts', 'electron-native.mjs'), '--if-missing']) !== 0) {
    console.error('corcy-power: starting the kiosk without spi-device (see above).');
  }
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(binary, [root, ...args], { cwd: root, stdio: 'inherit', env });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code) => process.exit(code ?? 0));
}
