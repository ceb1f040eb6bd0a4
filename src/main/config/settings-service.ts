import type { FieldProblem, SaveSettingsResponse, SettingsView } from '../../shared/kiosk-contract';
import type { Request, Response } from '../../shared/contract';
import { SettingsSchema } from '../../shared/settings-schema';
import { describeIssues } from '../core/zod-issues';
import { backupConfigText, readConfigFile, writeFileAtomic } from './config-file';
import type { Config } from './config-schema';
import { parseConfig } from './load-config';
import { PinGate, hashPin } from './pin';
import { applySettings, settingsOf } from './settings-mapping';

export interface SettingsServiceOptions {
  configPath: string;
  current: () => Config;
  /** Applies a saved config at once: calibration from the next window, display at the next status. */
  apply: (config: Config) => void;
  now?: () => number;
}

/** getSettings / validateSettings / saveSettings / checkPin, for both doors. */
export class SettingsService {
  private readonly gate: PinGate;

  constructor(private readonly options: SettingsServiceOptions) {
    this.gate = new PinGate(options.now);
  }

  view(): SettingsView {
    const file = readConfigFile(this.options.configPath);
    const config = this.options.current();
    return {
      settings: settingsOf(config),
      pinSet: config.pin !== undefined,
      configFile: this.options.configPath,
      fileProblems: file.kind === 'invalid' ? file.problems : [],
    };
  }

  validate(settings: Record<string, unknown>): { problems: FieldProblem[] } {
    const r = SettingsSchema.safeParse(settings);
    if (r.success) return { problems: [] };
    return {
      problems: r.error.issues.map((i) => ({ field: i.path.map(String).join('.') || describeIssues([i])[0]!, message: i.message })),
    };
  }

  checkPin(pin: string): Response<'checkPin'> {
    const stored = this.options.current().pin;
    const r = this.gate.check(pin, stored);
    return { ok: r.ok, pinSet: stored !== undefined, waitSeconds: r.waitSeconds };
  }

  save(req: Request<'saveSettings'>): SaveSettingsResponse {
    const stored = this.options.current().pin;
    const gate = this.gate.check(req.pin ?? '', stored);
    if (!gate.ok) {
      return { ok: false, reason: 'pin', message: 'wrong PIN', waitSeconds: gate.waitSeconds };
    }
    const file = readConfigFile(this.options.configPath);
    if (file.kind === 'invalid' && !req.overwriteInvalid) {
      return {
        ok: false,
        reason: 'file_invalid',
        message: `${this.options.configPath} does not validate (${file.problems.join('; ')}); saving would replace it`,
        waitSeconds: 0,
      };
    }
    const raw = file.kind === 'valid' ? file.raw : {};
    const pin = req.newPin === undefined ? undefined : req.newPin === null ? null : hashPin(req.newPin);
    const next = applySettings(raw, req.settings, pin);
    // Parsed before anything is written: a file we write always loads.
    const config = parseConfig(next, this.options.configPath);
    let backup: string | null = null;
    try {
      if (file.kind === 'invalid' && file.text) backup = backupConfigText(this.options.configPath, file.text);
      writeFileAtomic(this.options.configPath, `${JSON.stringify(next, null, 2)}\n`);
    } catch (err) {
      return { ok: false, reason: 'write_failed', message: `cannot write ${this.options.configPath}: ${(err as Error).message}`, waitSeconds: 0 };
    }
    this.options.apply(config);
    return { ok: true, view: this.view(), backup };
  }
}
