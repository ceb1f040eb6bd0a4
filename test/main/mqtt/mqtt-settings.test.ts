import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Config } from '../../../src/main/config/config-schema';
import { parseConfig } from '../../../src/main/config/load-config';
import { SettingsService } from '../../../src/main/config/settings-service';
import { MqttSettings, keepOwnerOnly } from '../../../src/main/mqtt/mqtt-settings';
import { hashPin } from '../../../src/main/config/pin';
import { useTempDir } from '../../helpers/temp-dir';
import { readJson } from '../../helpers/typed-json';

const tempDir = useTempDir();

function rig(initial: Record<string, unknown> = {}) {
  const file = join(tempDir(), 'config.json');
  writeFileSync(file, JSON.stringify(initial));
  let config: Config = parseConfig(initial, file);
  const apply = (c: Config): void => {
    config = c;
  };
  const settings = new SettingsService({ configPath: file, current: () => config, apply });
  const mqtt = new MqttSettings({ configPath: file, current: () => config, apply, checkPin: (pin) => settings.checkPin(pin) });
  return { mqtt, file, config: () => config };
}

const broker = { enabled: true, url: 'mqtt://192.0.2.10:1883', username: 'corcy', topicPrefix: 'corcypower', node: 'hall', powerIntervalS: 5, showOthers: false };

describe('MqttSettings', () => {
  it('never gives the password back, only whether one is set', () => {
    const { mqtt } = rig({ mqtt: { ...broker, password: 's3cret-word' } });
    const view = mqtt.view();
    expect(view.passwordSet).toBe(true);
    expect(JSON.stringify(view)).not.toContain('s3cret-word');
  });

  it('keeps the saved password when none is sent, replaces it when one is, removes it on null', () => {
    const { mqtt, file, config } = rig({ mqtt: { ...broker, password: 'first-one' }, source: { kind: 'simulated', seed: 3 } });
    let r = mqtt.save({ mqtt: { ...broker, powerIntervalS: 0.5 } });
    expect(r.ok).toBe(true);
    expect(config().mqtt.password).toBe('first-one');
    expect(config().mqtt.powerIntervalS).toBe(0.5);
    const onDisk = readJson<Partial<Config>>(file);
    expect(onDisk.source).toEqual({ kind: 'simulated', seed: 3 });
    r = mqtt.save({ mqtt: broker, password: 'second-one' });
    expect(config().mqtt.password).toBe('second-one');
    if (r.ok) expect(JSON.stringify(r.view)).not.toContain('second-one');
    mqtt.save({ mqtt: broker, password: null });
    expect(config().mqtt.password).toBeUndefined();
    expect(readJson<Partial<Config>>(file).mqtt?.password).toBeUndefined();
  });

  it('writes the file readable by its owner only', () => {
    const { mqtt, file } = rig();
    mqtt.save({ mqtt: broker, password: 'pw-on-disk' });
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('asks for the settings PIN when one is set, and counts wrong tries with the settings screen', () => {
    const { mqtt, config } = rig({ pin: hashPin('2468') });
    const wrong = mqtt.save({ mqtt: broker, pin: '1111' });
    expect(wrong).toMatchObject({ ok: false, reason: 'pin' });
    expect(config().mqtt.enabled).toBe(false);
    expect(mqtt.save({ mqtt: broker, pin: '2468' }).ok).toBe(true);
    expect(config().mqtt.enabled).toBe(true);
  });

  it('refuses to write over a config file that does not validate, and says which file', () => {
    const { mqtt, file } = rig();
    writeFileSync(file, '{"volts": 230}');
    const r = mqtt.save({ mqtt: broker });
    expect(r).toMatchObject({ ok: false, reason: 'file_invalid' });
    if (!r.ok) expect(r.message).toContain(file);
    expect(readFileSync(file, 'utf8')).toBe('{"volts": 230}');
  });
});

describe('keepOwnerOnly()', () => {
  it('tightens a hand-written config that holds the password, and says so', () => {
    const file = join(tempDir(), 'config.json');
    const raw = { mqtt: { ...broker, password: 'pw' } };
    writeFileSync(file, JSON.stringify(raw), { mode: 0o644 });
    const lines: string[] = [];
    keepOwnerOnly(file, parseConfig(raw, file), (l) => lines.push(l));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(lines.join('\n')).toMatch(/readable by its owner only \(was 644\)/);
  });

  it('leaves a file without a password as it is', () => {
    const file = join(tempDir(), 'config.json');
    writeFileSync(file, '{}', { mode: 0o644 });
    keepOwnerOnly(file, parseConfig({}, file), () => undefined);
    expect(statSync(file).mode & 0o777).toBe(0o644);
  });
});
