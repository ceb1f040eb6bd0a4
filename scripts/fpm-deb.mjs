#!/usr/bin/env node
// The `fpm -s dir -t deb` that electron-builder calls (CUSTOM_FPM_PATH), built on
// Debian's own dpkg-deb. electron-builder would otherwise download fpm with a
// bundled Ruby from GitHub, which our machines cannot reach, and Debian packages
// no fpm. It takes exactly the arguments app-builder-lib's FpmTarget passes
// (targets/FpmTarget.js: executeFpm and build) and fails on any other, so that a
// new electron-builder option cannot be dropped without a word.
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const VALUED = new Set([
  '-s',
  '-t',
  '-d',
  '--deb-recommends',
  '--deb-compression',
  '--architecture',
  '--after-install',
  '--after-remove',
  '--description',
  '--version',
  '--package',
  '--name',
  '--maintainer',
  '--vendor',
  '--url',
  '--category',
  '--deb-priority',
  '--license',
  '--iteration',
  '--log',
]);
const FLAGS = new Set(['--force', '--debug']);
// electron-builder's deb.compression names, as dpkg-deb -Z spells them.
const DPKG_COMPRESSION = { xz: 'xz', gz: 'gzip', zst: 'zstd' };

/**
 * @typedef {{ depends: string[], recommends: string[], mappings: { from: string, to: string }[] } & Record<string, any>} FpmOptions
 */

/**
 * argv to options: repeated -d and --deb-recommends collect, `src=dest` pairs are the payload.
 * @param {readonly string[]} argv
 * @returns {FpmOptions}
 */
export function parseFpmArgs(argv) {
  /** @type {FpmOptions} */
  const o = { depends: [], recommends: [], mappings: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = /** @type {string} */ (argv[i]);
    if (FLAGS.has(a)) continue;
    if (VALUED.has(a)) {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      if (a === '-d') o.depends.push(v);
      else if (a === '--deb-recommends') o.recommends.push(v);
      else o[a.replace(/^-+/, '')] = v;
    } else if (a.startsWith('-')) {
      throw new Error(`unsupported fpm option ${a}: this fpm builds debs from a directory only (scripts/fpm-deb.mjs)`);
    } else {
      const eq = a.lastIndexOf('=');
      if (eq <= 0) throw new Error(`not a src=dest pair: ${a}`);
      o.mappings.push({ from: a.slice(0, eq), to: a.slice(eq + 1) });
    }
  }
  if (o.s !== 'dir' || o.t !== 'deb') throw new Error(`only -s dir -t deb is supported, got -s ${o.s} -t ${o.t}`);
  for (const k of ['name', 'version', 'architecture', 'package']) if (!o[k]) throw new Error(`--${k} is required`);
  if (!(/** @type {Record<string, string>} */ (DPKG_COMPRESSION)[o['deb-compression'] ?? 'xz'])) {
    throw new Error(`deb compression ${o['deb-compression']} is not supported by dpkg-deb; use xz, gz or zst`);
  }
  return o;
}

/**
 * The control file as fpm's deb.erb writes it: a continuation line per description line, "." for blank ones.
 * @param {FpmOptions} o
 * @param {number} installedKiB
 */
export function controlFile(o, installedKiB) {
  const [summary, ...rest] = /** @type {string} */ (o.description ?? o.name).split('\n');
  const body = rest.map((/** @type {string} */ l) => (l.trim() === '' ? ' .' : l.startsWith(' ') ? l : ` ${l}`));
  const fields = [
    ['Package', o.name],
    ['Version', o.iteration ? `${o.version}-${o.iteration}` : o.version],
    ['License', o.license],
    ['Vendor', o.vendor],
    ['Architecture', o.architecture],
    ['Maintainer', o.maintainer],
    ['Installed-Size', String(installedKiB)],
    ['Depends', o.depends.join(', ')],
    ['Recommends', o.recommends.join(', ')],
    ['Section', o.category],
    ['Priority', o['deb-priority']],
    ['Homepage', o.url],
  ].filter(([, v]) => v);
  return [...fields.map(([k, v]) => `${k}: ${v}`), `Description: ${summary}`, ...body, ''].join('\n');
}

/** @param {string} dir */
function sizeKiB(dir) {
  let bytes = 0;
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) bytes += lstatSync(join(e.parentPath, e.name)).size;
  }
  return Math.ceil(bytes / 1024);
}

/** @param {string} root @param {FpmOptions['mappings']} mappings */
function stagePayload(root, mappings) {
  for (const { from, to } of mappings) {
    const dest = join(root, to);
    if (lstatSync(from).isDirectory()) {
      // fpm: "dir/=/opt/x" puts the directory's contents at /opt/x.
      mkdirSync(dest, { recursive: true });
      cpSync(from, dest, { recursive: true, verbatimSymlinks: true });
    } else {
      mkdirSync(dirname(dest), { recursive: true });
      copyFileSync(from, dest);
    }
  }
}

/** @param {FpmOptions} o */
export function buildDeb(o) {
  const root = mkdtempSync(join(tmpdir(), 'corcy-fpm-'));
  try {
    stagePayload(root, o.mappings);
    const installed = sizeKiB(root);
    mkdirSync(join(root, 'DEBIAN'));
    writeFileSync(join(root, 'DEBIAN', 'control'), controlFile(o, installed));
    for (const [flag, script] of /** @type {const} */ ([
      ['after-install', 'postinst'],
      ['after-remove', 'postrm'],
    ])) {
      if (!o[flag]) continue;
      writeFileSync(join(root, 'DEBIAN', script), readFileSync(o[flag]));
      chmodSync(join(root, 'DEBIAN', script), 0o755);
    }
    const z = /** @type {Record<string, string>} */ (DPKG_COMPRESSION)[o['deb-compression'] ?? 'xz'];
    rmSync(o.package, { force: true });
    const r = spawnSync('dpkg-deb', ['--root-owner-group', `-Z${z}`, '--build', root, o.package], { encoding: 'utf8' });
    if (r.error) throw new Error(`dpkg-deb cannot run (${r.error.message}): apt-get install dpkg`);
    if (r.status !== 0) throw new Error(`dpkg-deb failed: ${r.stderr.trim()}`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url.endsWith(`/${process.argv[1].split('/').pop()}`)) {
  try {
    buildDeb(parseFpmArgs(process.argv.slice(2)));
  } catch (err) {
    console.error(`fpm-deb: ${/** @type {Error} */ (err).message}`);
    process.exit(1);
  }
}
