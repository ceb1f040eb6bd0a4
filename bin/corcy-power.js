#!/usr/bin/env node
'use strict';
// The command is built with the app (npm run build): it runs the same core as the kiosk.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const cli = join(__dirname, '..', 'out', 'main', 'cli.js');
if (!existsSync(cli)) {
  console.error('corcy-power: not built yet: run `npm run build` in ' + join(__dirname, '..'));
  process.exit(1);
}
require(cli);
