import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Mcp3008Source, type Mcp3008Options } from '../../src/main/acquisition/mcp3008-source';
import { readSpidevLimits } from '../../src/main/acquisition/spidev-limits';
import { FakeSpiDevice, type FakeSpiOptions, fakeOpener } from './fake-spidev';
import type { KernelArch } from './spidev-buffers';

export interface RigOptions extends FakeSpiOptions {
  arch: KernelArch;
  bufsiz: number;
  /** A folder for the fake /sys/module/spidev/parameters/bufsiz. */
  dir: string;
  source?: Partial<Mcp3008Options>;
}

const DEFAULT_SOURCE = { bus: 0, device: 0, channel: 0, samples: 1000, windowMs: 500, speedHz: 500_000 };

/**
 * An Mcp3008Source on the spidev model of a given kernel: it reads bufsiz from a
 * real file written as the kernel prints it, and the architecture as
 * process.arch would name it, and times its windows on the model's clock.
 */
export function sourceOnModel(o: RigOptions) {
  const dev = new FakeSpiDevice(o);
  const state = { status: 'present' as 'present' | 'ENOENT' | 'EACCES' };
  const opener = fakeOpener(() => dev, state);
  const bufsizPath = join(o.dir, 'bufsiz');
  writeFileSync(bufsizPath, `${o.bufsiz}\n`);
  const source = new Mcp3008Source({
    ...DEFAULT_SOURCE,
    opener,
    limits: () => readSpidevLimits(o.arch, bufsizPath),
    monotonicMs: dev.nowMs,
    ...o.source,
  });
  return { dev, state, opener, source, bufsizPath };
}
