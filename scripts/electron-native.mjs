#!/usr/bin/env node
// `npm run electron-native`: spi-device built for Electron's ABI, apart from the
// Node build in node_modules that the tests and `corcy-power serve` use. Output:
// native/electron-linux-<arch>/spi.node, which `npm start` loads (through
// src/main/electron/native-addons.ts) and `npm run dist` packs (electron-builder.yml
// extraResources). Built on the machine it is for: a Pi for the arm64 deb.
//
// Electron's headers come from its release host (node-gyp --dist-url), or from a
// folder given as CORCY_ELECTRON_HEADERS. Where neither can be had, nothing is
// written and the kiosk reads the ADC through the kernel's mcp3008 driver (or
// simulates), saying so on its status line.
//   node scripts/electron-native.mjs [--out DIR] [--if-missing]
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { out: { type: 'string' }, 'if-missing': { type: 'boolean' } } });
const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version;
const out = values.out ?? join(root, 'native', `electron-linux-${process.arch}`);
const stampFile = join(out, 'electron-version');
const headers = process.env.CORCY_ELECTRON_HEADERS;

if (values['if-missing'] && existsSync(join(out, 'spi.node')) && existsSync(stampFile) && readFileSync(stampFile, 'utf8').trim() === electronVersion) {
  console.log(`corcy-power: spi-device for Electron ${electronVersion} is already built in ${out}`);
  process.exit(0);
}

// Inside the checkout, so that binding.gyp's require('nan') finds node_modules/nan.
const stage = join(root, 'native', '.build', `spi-device-${process.arch}`);
rmSync(stage, { recursive: true, force: true });
mkdirSync(stage, { recursive: true });
for (const f of ['binding.gyp', 'package.json', 'src']) cpSync(join(root, 'node_modules/spi-device', f), join(stage, f), { recursive: true });

const env = { ...process.env };
// Set for Node's own headers on our machines (.ci/node22.sh): it would build for Node's ABI.
delete env.npm_config_nodedir;
const gyp = [
  join(root, 'node_modules/node-gyp/bin/node-gyp.js'),
  'rebuild',
  `--target=${electronVersion}`,
  '--runtime=electron',
  ...(headers ? [`--nodedir=${headers}`] : ['--dist-url=https://electronjs.org/headers']),
];
console.log(`corcy-power: building spi-device for Electron ${electronVersion} (${process.arch})...`);
const r = spawnSync(process.execPath, gyp, { cwd: stage, env, stdio: ['ignore', 'inherit', 'pipe'], encoding: 'utf8' });
const built = join(stage, 'build/Release/spi.node');
if (r.status !== 0 || !existsSync(built)) {
  const err = r.stderr ?? '';
  const why = /network connectivity|ENOTFOUND|ECONNREFUSED|EAI_AGAIN|ETIMEDOUT/.test(err)
    ? "Electron's headers could not be downloaded (no access to electronjs.org from here)"
    : `node-gyp failed:\n${err
        .split('\n')
        .filter((l) => l.includes('ERR!') || l.includes('error'))
        .slice(0, 12)
        .join('\n')}`;
  console.error(
    `corcy-power: spi-device could not be built for Electron ${electronVersion}: ${why}\n` +
      "  (Electron's headers come from electronjs.org, or CORCY_ELECTRON_HEADERS=DIR.) The kiosk then reads the ADC through\n" +
      "  the kernel's mcp3008 driver (dtoverlay=mcp3008, docs/pi-setup.md), or shows simulated readings; its status line says which.",
  );
  rmSync(stage, { recursive: true, force: true });
  process.exit(1);
}
mkdirSync(out, { recursive: true });
copyFileSync(built, join(out, 'spi.node'));
writeFileSync(stampFile, `${electronVersion}\n`);
rmSync(stage, { recursive: true, force: true });
console.log(`corcy-power: spi-device for Electron ${electronVersion} is in ${join(out, 'spi.node')}`);
