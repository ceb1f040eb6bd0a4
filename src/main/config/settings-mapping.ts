import type { Settings } from '../../shared/settings-schema';
import type { Config } from './config-schema';

/** The flat view the settings screen edits. */
export function settingsOf(c: Config): Settings {
  return {
    gaugeMaxW: c.display.gaugeMaxW,
    subscribedKva: c.subscribedKva,
    tariff: c.tariff,
    timeZone: c.timeZone,
    language: c.language,
    brightness: c.brightness,
    retentionDays: c.storage.retentionDays,
    exportFolder: c.export.folder ?? null,
  };
}

type Raw = Record<string, unknown>;
const section = (raw: Raw, key: string): Raw => {
  const v = raw[key];
  return v && typeof v === 'object' && !Array.isArray(v) ? { ...(v as Raw) } : {};
};

/**
 * Lays the screen's settings onto the file's own JSON: fields the screen does not
 * edit (source, server, storage path...) stay exactly as the user wrote them.
 */
export function applySettings(raw: Raw, s: Settings, pin: Config['pin'] | null | undefined): Raw {
  const out: Raw = { ...raw };
  out.display = { ...section(raw, 'display'), gaugeMaxW: s.gaugeMaxW };
  out.storage = { ...section(raw, 'storage'), retentionDays: s.retentionDays };
  const exp = section(raw, 'export');
  if (s.exportFolder === null) delete exp.folder;
  else exp.folder = s.exportFolder;
  out.export = exp;
  out.subscribedKva = s.subscribedKva;
  out.tariff = s.tariff;
  out.timeZone = s.timeZone;
  out.language = s.language;
  out.brightness = s.brightness;
  // undefined: keep the PIN as it is; null: remove it.
  if (pin === null) delete out.pin;
  else if (pin !== undefined) out.pin = pin;
  return out;
}
