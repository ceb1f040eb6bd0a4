import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dmaMinAlign, readSpidevBufsiz, readSpidevLimits, transfersPerIoctl } from '../../../src/main/acquisition/spidev-limits';
import { useTempDir } from '../../helpers/temp-dir';

const tmp = useTempDir();

describe('spidev limits', () => {
  it('reads bufsiz from the module parameter file, as the kernel prints it', async () => {
    const path = join(tmp(), 'bufsiz');
    writeFileSync(path, '65536\n');
    expect(await readSpidevBufsiz(path)).toBe(65536);
  });

  it('takes the default 4096 when spidev has no parameter file', async () => {
    expect(await readSpidevBufsiz(join(tmp(), 'missing'))).toBe(4096);
  });

  it('says what it read when the file holds no number', async () => {
    const path = join(tmp(), 'bufsiz');
    writeFileSync(path, 'lots\n');
    await expect(readSpidevBufsiz(path)).rejects.toThrow(/expected a positive number of bytes, read "lots"/);
  });

  it('aligns like the kernel of each architecture: 64 on armhf, 128 on arm64, 8 on x86', async () => {
    expect([dmaMinAlign('arm'), dmaMinAlign('arm64'), dmaMinAlign('x64')]).toEqual([64, 128, 8]);
    expect(dmaMinAlign('riscv64')).toBe(128);
    expect(await readSpidevLimits('arm64', join(tmp(), 'missing'))).toEqual({ bufsiz: 4096, align: 128 });
  });

  it('counts the conversions one ioctl can carry', () => {
    expect(transfersPerIoctl(3, { bufsiz: 4096, align: 64 })).toBe(64);
    expect(transfersPerIoctl(3, { bufsiz: 4096, align: 128 })).toBe(32);
    expect(transfersPerIoctl(3, { bufsiz: 65536, align: 128 })).toBe(511);
  });
});
