import { chmodSync, statSync } from 'node:fs';
import type { MqttConfig, MqttSettingsView, SaveMqttRequest, SaveMqttResponse } from '../../shared/mqtt-schema';
import { readConfigFile, writeFileAtomic } from '../config/config-file';
import type { Config } from '../config/config-schema';
import { parseConfig } from '../config/load-config';

export interface MqttSettingsOptions {
  configPath: string;
  current: () => Config;
  apply: (config: Config) => void;
  /** The settings screen's PIN gate, shared so that its lockout counts every try. */
  checkPin: (pin: string) => { ok: boolean; waitSeconds: number };
}

function mqttView(c: MqttConfig): MqttSettingsView {
  const { password, ...rest } = c;
  return { mqtt: rest, passwordSet: password !== undefined };
}

/**
 * A config file that holds the broker's password is for its owner's eyes: the app
 * writes it 0600, and tightens a hand-made one at start (saying so).
 */
export function keepOwnerOnly(configPath: string, config: Config, log: (line: string) => void): void {
  if (config.mqtt.password === undefined) return;
  try {
    const mode = statSync(configPath).mode & 0o777;
    if ((mode & 0o077) === 0) return;
    chmodSync(configPath, 0o600);
    log(`config: ${configPath} holds the MQTT password: made readable by its owner only (was ${mode.toString(8)})`);
  } catch (e) {
    log(`config: cannot restrict ${configPath}: ${(e as Error).message}`);
  }
}

/** getMqttSettings / saveMqttSettings: the broker settings, PIN-guarded, the password write-only. */
export class MqttSettings {
  constructor(private readonly o: MqttSettingsOptions) {}

  view(): MqttSettingsView {
    return mqttView(this.o.current().mqtt);
  }

  save(req: SaveMqttRequest): SaveMqttResponse {
    const gate = this.o.checkPin(req.pin ?? '');
    if (!gate.ok) return { ok: false, reason: 'pin', message: 'wrong PIN', waitSeconds: gate.waitSeconds };
    const file = readConfigFile(this.o.configPath);
    if (file.kind === 'invalid') {
      return {
        ok: false,
        reason: 'file_invalid',
        message: `${this.o.configPath} does not validate (${file.problems.join('; ')}): fix it or save from the settings screen first`,
        waitSeconds: 0,
      };
    }
    const raw = file.kind === 'valid' ? { ...file.raw } : {};
    const saved = this.o.current().mqtt.password;
    const password = req.password === undefined ? saved : (req.password ?? undefined);
    raw.mqtt = { ...req.mqtt, ...(password !== undefined ? { password } : {}) };
    // Parsed before anything is written: a file we write always loads.
    const config = parseConfig(raw, this.o.configPath);
    try {
      writeFileAtomic(this.o.configPath, `${JSON.stringify(raw, null, 2)}\n`);
    } catch (err) {
      return { ok: false, reason: 'write_failed', message: `cannot write ${this.o.configPath}: ${(err as Error).message}`, waitSeconds: 0 };
    }
    this.o.apply(config);
    return { ok: true, view: mqttView(config.mqtt) };
  }
}
