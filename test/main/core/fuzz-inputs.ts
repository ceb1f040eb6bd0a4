import { mulberry32 } from '../../../src/main/acquisition/prng';

// Malformed inputs for both doors, from a seed: the same cases on every run and machine.

const NASTY_STRINGS = ['NaN', 'Infinity', '-Infinity', '1e309', '-0', '0x10', '', ' ', '5 ', '١٢', 'null', 'undefined', 'true', '[]', '{}', '\u0000', '%00', '../../etc/passwd', '<script>alert(1)</script>', "'; DROP TABLE reading; --"];
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
