import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findBacklight } from '../../../src/main/display/backlight';
import { brightnessAt } from '../../../src/main/display/brightness-schedule';
import { ScreenDimmer } from '../../../src/main/display/screen-dimmer';
import { BrightnessSchema } from '../../../src/shared/settings-schema';
import { useTempDir } from '../../helpers/temp-dir';

const tempDir = useTempDir();

/** A sysfs backlight as the kernel shows it: max_brightness read-only, brightness writable. */
function fakeSys(max = 255, writable = true): string {
  const root = tempDir();
  const dir = join(root, 'sys/class/backlight/10-0045');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'max_brightness'), `${max}\n`);
  writeFileSync(join(dir, 'brightness'), `${max}\n`);
  if (!writable) chmodSync(join(dir, 'brightness'), 0o444);
  return root;
}

const b = BrightnessSchema.parse({ dimFrom: '22:30', dimTo: '06:30', dimLevel: 0.1, dayLevel: 1, wakeSeconds: 60 });

describe('brightnessAt()', () => {
  it('dims across midnight and wakes on touch', () => {
    expect(brightnessAt(23 * 60, b, false)).toBe(0.1);
    expect(brightnessAt(3 * 60, b, false)).toBe(0.1);
    expect(brightnessAt(6 * 60 + 30, b, false)).toBe(1);
    expect(brightnessAt(23 * 60, b, true)).toBe(1);
  });
});

describe('ScreenDimmer', () => {
  it('writes the scheduled level to sysfs and full brightness on a touch', () => {
    const root = fakeSys(200);
    const file = join(root, 'sys/class/backlight/10-0045/brightness');
    let now = Date.parse('2026-06-01T21:00:00Z'); // 23:00 in Paris
    const dimmer = new ScreenDimmer({ backlight: findBacklight(root), brightness: () => b, timeZone: () => 'Europe/Paris', now: () => now, log: () => {} });
    expect(dimmer.apply()).toBe(0.1);
    expect(readFileSync(file, 'utf8')).toBe('20\n');
    expect(dimmer.wake()).toBe(1);
    expect(readFileSync(file, 'utf8')).toBe('200\n');
    now += 61_000;
    dimmer.apply();
    expect(readFileSync(file, 'utf8')).toBe('20\n');
  });

  it('says when the screen goes dim and when it comes back, once each', () => {
    const root = fakeSys(200);
    let now = Date.parse('2026-06-01T19:00:00Z'); // 21:00 in Paris: day
    const changes: boolean[] = [];
    const dimmer = new ScreenDimmer({
      backlight: findBacklight(root),
      brightness: () => b,
      timeZone: () => 'Europe/Paris',
      now: () => now,
      log: () => {},
      onDimmedChange: (d) => changes.push(d),
    });
    dimmer.apply();
    expect(dimmer.dimmed).toBe(false);
    now += 2 * 3_600_000; // 23:00
    dimmer.apply();
    dimmer.apply();
    expect(dimmer.dimmed).toBe(true);
    dimmer.wake();
    expect(changes).toEqual([true, false]);
  });

  it('finds no backlight when none is writable', () => {
    expect(findBacklight(tempDir())).toBeNull();
    if (process.getuid?.() !== 0) expect(findBacklight(fakeSys(255, false))).toBeNull();
  });
});
