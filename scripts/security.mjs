#!/usr/bin/env node
// `npm run security`: electronegativity on the built app (out/: main, preload and
// the renderer's HTML) and on the TypeScript sources (src/: the bundler rewrites
// `new BrowserWindow` as `new electron.BrowserWindow`, which its window checks do
// not recognise, so the sources are scanned too). Offline: the advisories check is
// excluded, and every network attempt is refused and reported. Exit 1 on any
// finding of MEDIUM or above, on a file it could not parse, or on a connection.
// Writes .tmp/security/electronegativity.csv.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CSV_HEADER, judgeReport, toCsvRows } from './security-gate.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
require('./no-network.cjs');
/** @type {string[]} */
const attempts = /** @type {any} */ (globalThis).__networkAttempts;

// AvailableSecurityFixesGlobalCheck downloads Electron's release list from GitHub.
const EXCLUDED = ['AvailableSecurityFixesGlobalCheck'];
const TARGETS = ['out', 'src'];
const electronVersion = require('electron/package.json').version;
const run = require('@doyensec/electronegativity/dist/runner.js');

const quiet = console.log;
const rows = [CSV_HEADER];
let checks = '';
/** @type {string[]} */
const parseErrors = [];
for (const target of TARGETS) {
  // Its translations loader prints a line when the (refused) download fails.
  console.log = () => {};
  const result = await run(
    {
      input: join(root, target),
      isSarif: false,
      customScan: [],
      excludeFromScan: EXCLUDED.map((c) => c.toLowerCase()),
      isRelative: true,
      isVerbose: false,
      electronVersionOverride: electronVersion,
      parserPlugins: [],
    },
    false,
  ).finally(() => (console.log = quiet));
  checks = `${result.atomicChecks} atomic + ${result.globalChecks} global checks`;
  for (const e of result.errors) if (!e.tolerable) parseErrors.push(`${target}/${e.file}: ${e.message}`);
  /** @type {import('./security-gate.mjs').Finding[]} */
  const findings = result.issues.map((/** @type {any} */ i) => ({
    id: i.id,
    severity: i.severity.name,
    confidence: i.confidence.name,
    file: i.file === 'N/A' ? 'N/A' : `${target}/${i.file}`,
    line: i.location?.line ?? 0,
    column: i.location?.column ?? 0,
    description: i.description,
    manualReview: Boolean(i.manualReview),
  }));
  rows.push(...toCsvRows(target, findings));
}

const reportPath = join(root, '.tmp', 'security', 'electronegativity.csv');
mkdirSync(dirname(reportPath), { recursive: true });
writeFileSync(reportPath, rows.join('\n') + '\n');

// The verdict comes from the report as written, so what CI keeps is what was judged.
const verdict = judgeReport(readFileSync(reportPath, 'utf8'), 'MEDIUM');
const sockets = attempts.filter((a) => !a.startsWith('got '));
console.log(`electronegativity ${require('@doyensec/electronegativity/package.json').version}, Electron ${electronVersion}: ${checks}, excluded ${EXCLUDED.join(', ')}`);
console.log(`scanned ${TARGETS.join(', ')}: ${verdict.total} findings ${JSON.stringify(verdict.bySeverity)}; report ${reportPath}`);
console.log(`network: ${attempts.length} download(s) refused before any socket (${[...new Set(attempts)].join('; ') || 'none'}), ${sockets.length} connection(s) attempted`);
for (const r of verdict.failing) console.log(`FAIL ${r.join(' | ')}`);
for (const e of parseErrors) console.log(`FAIL could not parse ${e}`);
const failed = verdict.failing.length > 0 || parseErrors.length > 0 || sockets.length > 0;
console.log(failed ? 'security: FAILED' : 'security: passed (nothing of MEDIUM severity or above)');
process.exitCode = failed ? 1 : 0;
