import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chooseDestination, downloadsDir, parseMounts } from '../../../src/main/export/destination';
import { ejectMount } from '../../../src/main/export/eject';
import { useTempDir } from '../../helpers/temp-dir';

const tempDir = useTempDir();

const MOUNTS = [
  '/dev/mmcblk0p2 / ext4 rw,noatime 0 0',
  'tmpfs /run tmpfs rw,nosuid 0 0',
  '/dev/sda1 /media/pi/CLE\\040USB vfat rw,nosuid,nodev,relatime,uid=1000 0 0',
  '/dev/sdb1 /media/pi/RO iso9660 ro,nosuid 0 0',
].join('\n');

describe('destination', () => {
  it('reads /proc/mounts, unescaping spaces', () => {
    expect(parseMounts(MOUNTS)[2]).toEqual({ device: '/dev/sda1', dir: '/media/pi/CLE USB', writable: true });
  });

  it('picks a writable stick under the media folder, else the export folder', () => {
    const dir = tempDir();
    const mounts = join(dir, 'mounts');
    writeFileSync(mounts, MOUNTS);
    expect(chooseDestination({ mountsFile: mounts, mediaDirs: ['/media/pi'], folder: '/srv/out' })).toEqual({
      kind: 'usb',
      dir: '/media/pi/CLE USB',
      device: '/dev/sda1',
    });
    writeFileSync(mounts, MOUNTS.split('\n').slice(0, 2).join('\n'));
    expect(chooseDestination({ mountsFile: mounts, mediaDirs: ['/media/pi'], folder: '/srv/out' })).toEqual({ kind: 'folder', dir: '/srv/out', device: null });
  });

  it('finds the localised Downloads folder from user-dirs.dirs', () => {
    const home = tempDir();
    mkdirSync(join(home, '.config'));
    writeFileSync(join(home, '.config', 'user-dirs.dirs'), '# xdg\nXDG_DOWNLOAD_DIR="$HOME/Téléchargements"\n');
    expect(downloadsDir({ HOME: home })).toBe(join(home, 'Téléchargements'));
    expect(downloadsDir({ HOME: '/nowhere' })).toBe('/nowhere/Downloads');
  });

  it('ejects only a mounted stick, with udisksctl then eject', async () => {
    const calls: string[] = [];
    const mounts = parseMounts(MOUNTS);
    const run = (cmd: string, args: readonly string[]) => {
      calls.push([cmd, ...args].join(' '));
      return Promise.resolve(cmd === 'udisksctl' ? { code: 127, output: 'not found' } : { code: 0, output: '' });
    };
    expect(await ejectMount('/etc', mounts, run)).toEqual({ ok: false, message: '/etc is not a mounted USB stick' });
    expect(await ejectMount('/media/pi/CLE USB', mounts, run)).toEqual({ ok: true, message: '/media/pi/CLE USB can be removed' });
    expect(calls).toEqual(['udisksctl unmount -b /dev/sda1', 'eject /dev/sda1']);
  });
});
