import { describe, expect, it } from 'vitest';
import { controlFile, parseFpmArgs } from '../../scripts/fpm-deb.mjs';

// What app-builder-lib's FpmTarget passes (executeFpm + build), trimmed to one of each.
const ARGS = [
  '-s',
  'dir',
  '--force',
  '-t',
  'deb',
  '-d',
  'libnss3',
  '-d',
  'libasound2 | libasound2t64',
  '--deb-recommends',
  'cage',
  '--deb-compression',
  'gz',
  '--architecture',
  'arm64',
  '--after-install',
  '/tmp/a',
  '--after-remove',
  '/tmp/r',
  '--description',
  'Home power monitor kiosk\n Live power, on a Pi.',
  '--version',
  '0.1.0',
  '--package',
  '/tmp/x.deb',
  '--name',
  'corcy-power',
  '--maintainer',
  'M <m@x>',
  '--vendor',
  'M <m@x>',
  '--url',
  'https://x',
  '--category',
  'utils',
  '--deb-priority',
  'optional',
  '/tmp/linux-arm64-unpacked/=/opt/CorcyPower',
  '/tmp/icon.png=/usr/share/icons/hicolor/256x256/apps/corcy-power.png',
];

describe('fpm-deb', () => {
  it("takes electron-builder's arguments: dependencies in order, the payload as src=dest pairs", () => {
    const o = parseFpmArgs(ARGS);
    expect(o.depends).toEqual(['libnss3', 'libasound2 | libasound2t64']);
    expect(o.mappings).toEqual([
      { from: '/tmp/linux-arm64-unpacked/', to: '/opt/CorcyPower' },
      { from: '/tmp/icon.png', to: '/usr/share/icons/hicolor/256x256/apps/corcy-power.png' },
    ]);
  });

  it('writes the control file as fpm does: Depends joined, the description continued on indented lines', () => {
    expect(controlFile(parseFpmArgs(ARGS), 1234)).toBe(
      [
        'Package: corcy-power',
        'Version: 0.1.0',
        'Vendor: M <m@x>',
        'Architecture: arm64',
        'Maintainer: M <m@x>',
        'Installed-Size: 1234',
        'Depends: libnss3, libasound2 | libasound2t64',
        'Recommends: cage',
        'Section: utils',
        'Priority: optional',
        'Homepage: https://x',
        'Description: Home power monitor kiosk',
        ' Live power, on a Pi.',
        '',
      ].join('\n'),
    );
  });

  it('refuses an option it does not implement, rather than drop it silently', () => {
    expect(() => parseFpmArgs([...ARGS, '--deb-systemd', 'x.service'])).toThrow(/unsupported fpm option --deb-systemd/);
    expect(() => parseFpmArgs(ARGS.map((a) => (a === 'deb' ? 'rpm' : a)))).toThrow(/only -s dir -t deb/);
    expect(() => parseFpmArgs(ARGS.map((a) => (a === 'gz' ? 'bzip2' : a)))).toThrow(/bzip2 is not supported by dpkg-deb/);
  });
});
