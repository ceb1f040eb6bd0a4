import { execFileSync } from 'node:child_process';
import { chmodSync, closeSync, mkdirSync, openSync, readSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

// Reading a built .deb the way a Pi would meet it: dpkg-deb unpacks it, and each
// native module is judged by its ELF header, which is what the kernel's loader
// (and dlopen) reads before refusing a file built for another machine.

/** ELF e_machine values (elf.h): what dlopen accepts on each Debian architecture. */
const ELF_MACHINE: Record<string, { code: number; name: string }> = {
  amd64: { code: 62, name: 'x86-64' },
  arm64: { code: 183, name: 'aarch64' },
};
const NAMES: Record<number, string> = { 3: 'i386', 40: 'arm (32-bit)', 62: 'x86-64', 183: 'aarch64' };

/** The machine an ELF file is built for, or why it is not one. */
export function elfMachine(file: string): string {
  const fd = openSync(file, 'r');
  const head = Buffer.alloc(20);
  try {
    readSync(fd, head, 0, 20, 0);
  } finally {
    closeSync(fd);
  }
  if (head.readUInt32BE(0) !== 0x7f454c46) return 'not an ELF file';
  const machine = head[5] === 2 ? head.readUInt16BE(18) : head.readUInt16LE(18);
  return NAMES[machine] ?? `ELF machine ${machine}`;
}

/** Every file under dir whose name ends in .node, relative to dir. */
function nodeFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.node'))
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

/** One line per native module the package's machine could not load. */
export function wrongMachineModules(root: string, debArch: string): string[] {
  const want = ELF_MACHINE[debArch]!.name;
  return nodeFiles(root)
    .map((f) => ({ f, got: elfMachine(join(root, f)) }))
    .filter(({ got }) => got !== want)
    .map(({ f, got }) => `${f}: ${got}, not ${want}`);
}

export interface UnpackedDeb {
  root: string;
  control: string;
  field: (name: string) => string;
}

export function unpackDeb(deb: string, into: string): UnpackedDeb {
  const root = join(into, 'root');
  const control = join(into, 'DEBIAN');
  mkdirSync(into, { recursive: true });
  execFileSync('dpkg-deb', ['-x', deb, root]);
  execFileSync('dpkg-deb', ['-e', deb, control]);
  return { root, control, field: (name) => execFileSync('dpkg-deb', ['-f', deb, name], { encoding: 'utf8' }).trim() };
}

/**
 * A stand-in for Electron's unpacked release (electronDist), since none can be
 * downloaded here: the files electron-builder moves and patches (the `electron`
 * executable it renames, chrome-sandbox, LICENSE, a locale), and in the executable
 * the fuse wire @electron/fuses looks for: its sentinel, version 1, and eight fuses set as Electron ships them.
 */
export function stubElectronDist(dir: string): string {
  mkdirSync(join(dir, 'locales'), { recursive: true });
  mkdirSync(join(dir, 'resources'));
  const wire = Buffer.concat([Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'), Buffer.from([1, 8]), Buffer.from('10110001')]);
  writeFileSync(join(dir, 'electron'), Buffer.concat([Buffer.from('#!/bin/sh\necho "stub Electron"\nexit 0\n'), wire]));
  chmodSync(join(dir, 'electron'), 0o755);
  writeFileSync(join(dir, 'chrome-sandbox'), '');
  writeFileSync(join(dir, 'LICENSE'), 'stub');
  writeFileSync(join(dir, 'locales', 'en-US.pak'), '');
  return dir;
}
