import { mulberry32 } from '../../../src/main/acquisition/prng';
import { parseConfig } from '../../../src/main/config/load-config';
import { settingsOf } from '../../../src/main/config/settings-mapping';
import type { OpName } from '../../../src/shared/ops';

// Malformed inputs for both doors, from a seed: the same cases on every run and machine.

const NASTY_STRINGS = [
  'NaN',
  'Infinity',
  '-Infinity',
  '1e309',
  '-0',
  '0x10',
  '',
  ' ',
  '5 ',
  '١٢',
  'null',
  'undefined',
  'true',
  '[]',
  '{}',
  '\u0000',
  '%00',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  "'; DROP TABLE reading; --",
];
const NASTY_NUMBERS = [NaN, Infinity, -Infinity, -0, 0, -1, 1.5, 1441, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 5e-324];
const POLLUTING_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];

export function fuzzer(seed: number) {
  const rand = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const longString = (): string => 'x'.repeat(1000 + Math.floor(rand() * 200_000));
  const scalar = (): unknown =>
    pick([() => pick(NASTY_NUMBERS), () => pick(NASTY_STRINGS), () => rand() < 0.5, () => null, () => longString(), () => Math.floor(rand() * 2 ** 53)])();
  const value = (depth = 0): unknown => {
    if (depth > 3 || rand() < 0.5) return scalar();
    if (rand() < 0.5) return Array.from({ length: Math.floor(rand() * 4) }, () => value(depth + 1));
    const o: Record<string, unknown> = {};
    for (let i = Math.floor(rand() * 3); i >= 0; i--) o[rand() < 0.3 ? pick(POLLUTING_KEYS) : `k${Math.floor(rand() * 1000)}`] = value(depth + 1);
    return o;
  };
  /** An object with at least one key the contract does not have, through JSON so __proto__ is an own key. */
  const extraKeys = (base: Record<string, unknown>): unknown => {
    const key = rand() < 0.5 ? pick(POLLUTING_KEYS) : `extra${Math.floor(rand() * 100)}`;
    const json = JSON.stringify(base).replace(/}$/, `${Object.keys(base).length ? ',' : ''}${JSON.stringify(key)}:${JSON.stringify({ polluted: true, v: scalar() })}}`);
    return JSON.parse(json);
  };
  return { rand, pick, value, scalar, extraKeys, longString };
}

export const BAD_MINUTES: unknown[] = [...NASTY_NUMBERS.filter((n) => !(Number.isInteger(n) && n >= 1 && n <= 1440)), ...NASTY_STRINGS, '5', null, true, [], {}, [5]];
export { NASTY_STRINGS, POLLUTING_KEYS };

/** A request each operation accepts. */
export const VALID_REQUESTS: Record<OpName, Record<string, unknown>> = {
  getStatus: {},
  getRecent: { minutes: 10 },
  getHistory: { from: Date.UTC(2026, 0, 1), to: Date.UTC(2026, 0, 1, 1), maxPoints: 100 },
  getEnergy: { from: Date.UTC(2026, 0, 1), to: Date.UTC(2026, 0, 2), per: 'day' },
  getSettings: {},
  validateSettings: { settings: {} },
  saveSettings: { settings: settingsOf(parseConfig({}, 'fuzz.json')), newPin: '9999' },
  checkPin: { pin: '1234' },
  getCost: {},
  getDailyCost: { from: '2026-01-01', to: '2026-01-02' },
  startExport: { range: { preset: 'today' }, resolution: 'raw', locale: 'en' },
  getExport: { id: 1 },
  ejectMedia: { dir: '/media/pi/KEY' },
  wakeScreen: {},
  getTempoDays: {},
  setTempoColour: { date: '2026-01-05', colour: 'red' },
  getCalibration: {},
  recordCalibration: { step: 'idle' },
  saveCalibration: { save: { kind: 'volts', volts: 231 } },
  restoreCalibration: {},
  getMqttSettings: {},
  saveMqttSettings: { mqtt: { enabled: false, url: 'mqtt://127.0.0.1:1883', topicPrefix: 'corcypower', powerIntervalS: 5, showOthers: false } },
};

/** Dates a request may not name: before 2000, impossible, or read wrongly by Date.parse. */
export const BAD_DATES: unknown[] = [
  '1800-01-01',
  '0000-01-01',
  '0099-06-15',
  '1999-12-31',
  '2026-02-30',
  '2026-02-29',
  '2026-04-31',
  '2026-13-01',
  '2026-00-10',
  '2026-01-01T25:00',
  '2026-01-01T24:00',
  '2026-01-01T12:60',
  '2026-01-01T12:00:60',
  '2026-01-01T12:00+15:00',
  '2026-01-01T12:00+01:60',
  '+275760-09-13',
  '2026-1-1',
  '2026-01-01T12:00:00.1234',
  '2026-01-01T',
  -1,
  0,
  Date.UTC(1999, 11, 31),
  Date.UTC(10_000, 0, 1),
  1.5,
];
