import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A /sys/bus/iio/devices tree in a temp dir, laid out as the kernel does it. */
export class FakeIio {
  readonly root = mkdtempSync(join(tmpdir(), 'corcy-iio-'));

  /** Adds iio:deviceN with a name and raw channel files. */
  addDevice(n: number, name: string, raw: Record<number, string> = {}): string {
    const dir = join(this.root, `iio:device${n}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'name'), name + '\n');
    for (const [ch, text] of Object.entries(raw)) writeFileSync(join(dir, `in_voltage${ch}_raw`), text);
    return dir;
  }

  setRaw(n: number, ch: number, text: string): void {
    writeFileSync(join(this.root, `iio:device${n}`, `in_voltage${ch}_raw`), text);
  }

  removeDevice(n: number): void {
    rmSync(join(this.root, `iio:device${n}`), { recursive: true, force: true });
  }

  cleanup(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}
