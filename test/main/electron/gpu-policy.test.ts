import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/main/config/load-config';
import { decideGpu, describeGpuStatus, isVc4Board, readBoardModel } from '../../../src/main/electron/gpu-policy';
import { containing } from '../../helpers/matchers';

// Model strings as the device tree gives them (/proc/device-tree/model).
const PI3 = 'Raspberry Pi 3 Model B Plus Rev 1.3';
const PI4 = 'Raspberry Pi 4 Model B Rev 1.4';

describe('isVc4Board()', () => {
  it('knows the VideoCore IV boards: Pi 1, 2, 3, Zero, Zero 2 and Compute Module 3', () => {
    for (const m of [
      PI3,
      'Raspberry Pi 3 Model A Plus Rev 1.0',
      'Raspberry Pi 2 Model B Rev 1.1',
      'Raspberry Pi Model B Rev 2',
      'Raspberry Pi Zero 2 W Rev 1.0',
      'Raspberry Pi Compute Module 3 Plus Rev 1.0',
    ]) {
      expect(isVc4Board(m), m).toBe(true);
    }
  });

  it('leaves out the Pi 4, 400, 5, Compute Module 4 and anything that is not a Pi', () => {
    for (const m of [PI4, 'Raspberry Pi 400 Rev 1.0', 'Raspberry Pi 5 Model B Rev 1.0', 'Raspberry Pi Compute Module 4 Rev 1.0', 'Raspberry Pi 500 Rev 1.0']) {
      expect(isVc4Board(m), m).toBe(false);
    }
    expect(isVc4Board(null)).toBe(false);
  });
});

describe('decideGpu()', () => {
  it('turns the GPU off on a Pi 3 when the setting is auto, and says why', () => {
    const d = decideGpu('auto', PI3);
    expect(d.enabled).toBe(false);
    expect(d.reason).toContain('VideoCore IV');
  });

  it('keeps it on a Pi 4 and on a PC when auto, and turns it off anywhere when off', () => {
    expect(decideGpu('auto', PI4).enabled).toBe(true);
    expect(decideGpu('auto', null).enabled).toBe(true);
    expect(decideGpu('off', PI4)).toMatchObject({ enabled: false, reason: containing('"off"') });
  });

  it('reads display.gpu from the config, auto by default, and refuses anything else by name', () => {
    expect(parseConfig({}, '/c.json').display.gpu).toBe('auto');
    expect(parseConfig({ display: { gpu: 'off' } }, '/c.json').display.gpu).toBe('off');
    expect(() => parseConfig({ display: { gpu: 'on' } }, '/c.json')).toThrow(/display\.gpu/);
  });
});

describe('readBoardModel()', () => {
  it("reads the device tree's model without its trailing NUL, and null where there is no file", () => {
    const dir = mkdtempSync(join(tmpdir(), 'corcy-dt-'));
    try {
      writeFileSync(join(dir, 'model'), `${PI3}\0`);
      expect(readBoardModel(join(dir, 'model'))).toBe(PI3);
      expect(readBoardModel(join(dir, 'absent'))).toBeNull();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('describeGpuStatus()', () => {
  it('puts compositing and WebGL first, then the rest in order', () => {
    expect(describeGpuStatus({ webgl: 'unavailable_software', '2d_canvas': 'enabled', gpu_compositing: 'disabled_software' })).toBe(
      'GPU status: gpu_compositing=disabled_software, webgl=unavailable_software, 2d_canvas=enabled',
    );
  });
});
