import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readConfigFile } from '../../../src/main/config/config-file';
import { ConfigError, loadConfig } from '../../../src/main/config/load-config';
import { configDir, dataDir, defaultDbPath } from '../../../src/main/config/paths';
import { useTempDir } from '../../helpers/temp-dir';

const tmp = useTempDir();

function write(content: string): string {
  const file = join(tmp(), 'config.json');
  writeFileSync(file, content);
  return file;
}

const errorOf = (file: string): ConfigError => {
  try {
    loadConfig(file);
  } catch (e) {
    return e as ConfigError;
  }
  throw new Error('expected a ConfigError');
};

describe('loadConfig()', () => {
  it('gives every default when the file does not exist', () => {
    const c = loadConfig(join(tmp(), 'missing.json'));
    expect(c.calibration).toEqual({ ampsPerCount: 0.27, volts: 237, noiseFloorA: 0 });
    expect(c.source).toMatchObject({ kind: 'auto', bus: 0, device: 0, channel: 0, samplesPerWindow: 1000, windowMs: 500 });
    expect(c.display.gaugeMaxW).toBe(10_000);
    expect(c.server).toEqual({ host: '127.0.0.1', port: 8080 });
    expect(c.timeZone).toBe('Europe/Paris');
  });

  it('reads a file a Windows editor saved with a UTF-8 BOM, and so does the settings screen', () => {
    const file = write('\uFEFF{"calibration": {"volts": 230}}');
    expect(loadConfig(file).calibration.volts).toBe(230);
    expect(readConfigFile(file).kind).toBe('valid');
  });

  it('fills the fields a partial file leaves out', () => {
    const c = loadConfig(write('{"calibration": {"volts": 230}}'));
    expect(c.calibration).toEqual({ ampsPerCount: 0.27, volts: 230, noiseFloorA: 0 });
    expect(c.display.gaugeMaxW).toBe(10_000);
  });

  it('names the field and the file of a wrong value, and leaves the file alone', () => {
    const text = '{"calibration": {"volts": "two hundred"}, "display": {"gaugeMaxW": -3}}';
    const file = write(text);
    const e = errorOf(file);
    expect(e).toBeInstanceOf(ConfigError);
    expect(e.message).toContain(file);
    expect(e.problems.join('\n')).toMatch(/calibration\.volts/);
    expect(e.problems.join('\n')).toMatch(/display\.gaugeMaxW/);
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('reports an unknown field, so that a typo is not silently ignored', () => {
    const e = errorOf(write('{"calibration": {"volt": 230}}'));
    expect(e.problems).toEqual(['unknown field "calibration.volt"']);
  });

  it('reports a file that is not JSON', () => {
    const e = errorOf(write('{ "calibration": '));
    expect(e.problems[0]).toMatch(/not valid JSON/);
  });

  it('refuses a window that does not span whole mains cycles', () => {
    const e = errorOf(write('{"source": {"windowMs": 510}}'));
    expect(e.problems[0]).toMatch(/source\.windowMs.*whole number of mains cycles/);
  });

  it('refuses a time zone that does not exist', () => {
    expect(errorOf(write('{"timeZone": "Europe/Corcy"}')).problems[0]).toMatch(/timeZone.*IANA/);
  });
});

describe('paths', () => {
  it('follows XDG_DATA_HOME and XDG_CONFIG_HOME', () => {
    expect(defaultDbPath({ XDG_DATA_HOME: '/d', HOME: '/h' })).toBe('/d/corcy-power/power.db');
    expect(configDir({ XDG_CONFIG_HOME: '/c', HOME: '/h' })).toBe('/c/corcy-power');
  });

  it('falls back to ~/.local/share and ~/.config', () => {
    expect(dataDir({ HOME: '/home/pi' })).toBe('/home/pi/.local/share/corcy-power');
    expect(configDir({ HOME: '/home/pi' })).toBe('/home/pi/.config/corcy-power');
  });
});
