import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Config } from '../../../src/main/config/config-schema';
import { parseConfig } from '../../../src/main/config/load-config';
import { SettingsService } from '../../../src/main/config/settings-service';
import { useTempDir } from '../../helpers/temp-dir';
import { parseJson, readJson } from '../../helpers/typed-json';

const tempDir = useTempDir();

function service(initial: unknown = {}) {
  const dir = tempDir();
  const file = join(dir, 'config.json');
  let config: Config = parseConfig(initial, file);
  const applied: Config[] = [];
  const s = new SettingsService({
    configPath: file,
    current: () => config,
    apply: (c) => {
      config = c;
      applied.push(c);
    },
  });
  return { s, file, dir, applied, config: () => config };
}

describe('SettingsService', () => {
  it('saves settings atomically, keeps fields it does not edit, and applies them', () => {
    const { s, file, dir, applied } = service();
    writeFileSync(file, JSON.stringify({ source: { kind: 'simulated', seed: 7 }, calibration: { volts: 231 } }));
    const view = s.view();
    expect(view.settings.language).toBe('fr');
    const r = s.save({ settings: { ...view.settings, gaugeMaxW: 6000, language: 'en', subscribedKva: 9 } });
    expect(r.ok).toBe(true);
    const onDisk = readJson<Partial<Config>>(file);
    expect(onDisk.source).toEqual({ kind: 'simulated', seed: 7 });
    expect(onDisk.calibration).toEqual({ volts: 231 });
    expect(onDisk.subscribedKva).toBe(9);
    expect(applied.at(-1)!.display.gaugeMaxW).toBe(6000);
    expect(readdirSync(dir)).toEqual(['config.json']);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('names every bad field when validating as entered', () => {
    const { s } = service();
    const bad = { ...s.view().settings, gaugeMaxW: 12, subscribedKva: 7, timeZone: 'Mars/Olympus' };
    expect(
      s
        .validate(bad)
        .problems.map((p) => p.field)
        .sort(),
    ).toEqual(['gaugeMaxW', 'subscribedKva', 'timeZone']);
    expect(s.validate(s.view().settings).problems).toEqual([]);
  });

  it('refuses to replace a hand-written invalid file unless told, then keeps a copy', () => {
    const { s, file, dir } = service();
    writeFileSync(file, '{"calibration": {"volt": 230}}');
    const settings = s.view().settings;
    expect(s.view().fileProblems[0]).toMatch(/unknown field "calibration.volt"/);
    const refused = s.save({ settings });
    expect(refused).toMatchObject({ ok: false, reason: 'file_invalid' });
    expect(readFileSync(file, 'utf8')).toBe('{"calibration": {"volt": 230}}');
    const r = s.save({ settings, overwriteInvalid: true });
    expect(r.ok && r.backup).toBeTruthy();
    const backup = readdirSync(dir).find((n) => n.startsWith('config.json.invalid-'))!;
    expect(readFileSync(join(dir, backup), 'utf8')).toBe('{"calibration": {"volt": 230}}');
  });

  it('stores a salted hash of the PIN, never the PIN, and then requires it', () => {
    const { s, file } = service();
    const settings = s.view().settings;
    expect(s.save({ settings, newPin: '4821' }).ok).toBe(true);
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain('4821');
    expect(parseJson<Partial<Config>>(text).pin).toMatchObject({ algorithm: 'scrypt' });
    expect(s.view().pinSet).toBe(true);
    expect(s.save({ settings })).toMatchObject({ ok: false, reason: 'pin' });
    expect(s.checkPin('4821')).toEqual({ ok: true, pinSet: true, waitSeconds: 0 });
    expect(s.save({ settings, pin: '4821', newPin: null }).ok).toBe(true);
    expect(s.view().pinSet).toBe(false);
  });

  it('locks the PIN after five wrong tries', () => {
    const { s } = service();
    s.save({ settings: s.view().settings, newPin: '1234' });
    for (let i = 0; i < 4; i++) expect(s.checkPin('0000')).toMatchObject({ ok: false, waitSeconds: 0 });
    expect(s.checkPin('0000').waitSeconds).toBe(60);
    expect(s.checkPin('1234')).toMatchObject({ ok: false });
  });
});
